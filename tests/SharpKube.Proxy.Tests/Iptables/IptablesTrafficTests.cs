using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Sync;
using SharpKube.Proxy.Tests.Network;
using static SharpKube.Proxy.Tests.Iptables.TestStates;

namespace SharpKube.Proxy.Tests.Iptables;

/// <summary>Rules applied with iptables-restore in a private node namespace, checked with real traffic between pods.</summary>
public sealed class IptablesTrafficTests
{
    private static readonly IPAddress ClusterIP = IPAddress.Parse("10.43.0.20");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClusterIP_SpreadsConnectionsOverEveryEndpoint_AndFollowsAScaleDownToOne()
    {
        await using var node = await IptablesNode.CreateAsync(3);
        var service = Service("web", "10.43.0.20", 80);
        await node.Backend.SyncAsync(State(service, node.Network.EndpointAddresses.Select(a => Ready(a))), Ct);

        var hits = await node.HitsAsync(ClusterIP, 80, 100);
        Assert.Equal(["ep0", "ep1", "ep2"], hits.Keys.Order());

        await node.Backend.SyncAsync(State(service, [Ready(node.Network.EndpointAddresses[0])], changed: new HashSet<string> { "default/web" }), Ct);
        Assert.False(node.Backend.LastSyncWasFull);
        var after = await node.HitsAsync(ClusterIP, 80, 20);
        Assert.Equal(["ep0"], after.Keys);
    }

    [Fact]
    public async Task EndpointReachingItsOwnService_IsMasqueradedBackToItself()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        await node.Backend.SyncAsync(State(Service("self", "10.43.0.20", 80), [Ready(node.Network.EndpointAddresses[0])]), Ct);

        Assert.Equal("ep0", await NamespaceSockets.TcpRequestAsync(node.Network.EndpointNamespaces[0], ClusterIP, 80, IptablesNode.Timeout));
    }

    [Fact]
    public async Task ServiceWithoutEndpoints_IsRefusedPromptly()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        await node.Backend.SyncAsync(State(Service("empty", "10.43.0.20", 80), []), Ct);

        var stopwatch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<SocketException>(() => node.Network.TcpRequestAsync(ClusterIP, 80, TimeSpan.FromSeconds(5)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task NodePort_AnswersOnTheNodeAddressAnd127001FromTheNode_AndFromOutside()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        var service = Service("np", "10.43.0.20", 80) with { NodePort = 30080 };
        await node.Backend.SyncAsync(State(service, [Ready(node.Network.EndpointAddresses[0])]), Ct);

        Assert.Equal("ep0", await NamespaceSockets.TcpRequestAsync(node.Network.NodeNamespace, node.Network.NodeAddress, 30080, IptablesNode.Timeout));
        Assert.Equal("ep0", await NamespaceSockets.TcpRequestAsync(node.Network.NodeNamespace, IPAddress.Loopback, 30080, IptablesNode.Timeout));
        Assert.Equal("ep0", await node.Network.TcpRequestFromOutsideAsync(node.Network.NodeAddress, 30080, IptablesNode.Timeout));
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(node.Network.NodeAddress, 30080, IptablesNode.Timeout));
    }

    [Fact]
    public async Task ExternalAndLoadBalancerIPs_AnswerTrafficFromOutside()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        var service = Service("lb", "10.43.0.20", 8000) with
        {
            ExternalIPs = [IPAddress.Parse("172.16.0.5")],
            LoadBalancerIPs = [node.Network.NodeAddress],
        };
        await node.Backend.SyncAsync(State(service, [Ready(node.Network.EndpointAddresses[0])]), Ct);

        Assert.Equal("ep0", await node.Network.TcpRequestFromOutsideAsync(IPAddress.Parse("172.16.0.5"), 8000, IptablesNode.Timeout));
        Assert.Equal("ep0", await node.Network.TcpRequestFromOutsideAsync(node.Network.NodeAddress, 8000, IptablesNode.Timeout));
        Assert.Equal("ep0", await node.Network.TcpRequestFromOutsideAsync(ClusterIP, 8000, IptablesNode.Timeout));
    }

    [Fact]
    public async Task ClientIPAffinity_PinsAClientToOneEndpoint()
    {
        await using var node = await IptablesNode.CreateAsync(3);
        var service = Service("sticky", "10.43.0.20", 80) with { StickySeconds = 600 };
        await node.Backend.SyncAsync(State(service, node.Network.EndpointAddresses.Select(a => Ready(a))), Ct);

        var hits = await node.HitsAsync(ClusterIP, 80, 30);
        Assert.Single(hits);
    }

    [Fact]
    public async Task TerminatingEndpoints_ServeOnlyWhenNoReadyEndpointRemains()
    {
        await using var node = await IptablesNode.CreateAsync(2);
        var service = Service("t", "10.43.0.20", 80);
        var eps = node.Network.EndpointAddresses;
        await node.Backend.SyncAsync(State(service, [Ready(eps[0]), Terminating(eps[1])]), Ct);
        Assert.Equal(["ep0"], (await node.HitsAsync(ClusterIP, 80, 20)).Keys);

        await node.Backend.SyncAsync(State(service, [Terminating(eps[1]), new EndpointInfo(eps[0], 8080, false, false, true, true)],
            changed: new HashSet<string> { "default/t" }), Ct);
        Assert.Equal(["ep1"], (await node.HitsAsync(ClusterIP, 80, 20)).Keys);
    }

    [Fact]
    public async Task InternalTrafficPolicyLocal_SendsClusterIPTrafficOnlyToThisNodesEndpoints()
    {
        await using var node = await IptablesNode.CreateAsync(3);
        var eps = node.Network.EndpointAddresses;
        var service = Service("itp", "10.43.0.20", 80) with { InternalPolicyLocal = true };
        await node.Backend.SyncAsync(State(service, [Ready(eps[0], local: false), Ready(eps[1], local: true), Ready(eps[2], local: false)]), Ct);

        Assert.Equal(["ep1"], (await node.HitsAsync(ClusterIP, 80, 20)).Keys);
    }

    [Fact]
    public async Task ExternalTrafficPolicyLocal_SendsOffNodeTrafficOnlyToThisNodesEndpoints()
    {
        await using var node = await IptablesNode.CreateAsync(3);
        var eps = node.Network.EndpointAddresses;
        var service = Service("etp", "10.43.0.20", 80) with { NodePort = 30090, ExternalPolicyLocal = true };
        await node.Backend.SyncAsync(State(service, [Ready(eps[0], local: false), Ready(eps[1], local: true), Ready(eps[2], local: false)]), Ct);

        for (var i = 0; i < 15; i++)
        {
            Assert.Equal("ep1", await node.Network.TcpRequestFromOutsideAsync(node.Network.NodeAddress, 30090, IptablesNode.Timeout));
        }
        Assert.Equal(3, (await node.HitsAsync(ClusterIP, 80, 60)).Count);
    }

    [Fact]
    public async Task UdpFlowToARemovedEndpoint_SwitchesOnceItsConntrackEntryIsCleared()
    {
        await using var node = await IptablesNode.CreateAsync(2);
        var eps = node.Network.EndpointAddresses;
        var service = Service("dns", "10.43.0.10", 53, ServiceProtocol.Udp);
        var before = State(service, [Ready(eps[0], 5353), Ready(eps[1], 5353)]);
        await node.Backend.SyncAsync(before, Ct);
        const int sourcePort = 40000;
        var first = await NamespaceSockets.UdpRequestAsync(node.Network.ClientNamespace, IPAddress.Parse("10.43.0.10"), 53, IptablesNode.Timeout, sourcePort);
        var remaining = first == "ep0" ? eps[1] : eps[0];

        var after = State(service, [Ready(remaining, 5353)], changed: new HashSet<string> { "default/dns" });
        await node.Backend.SyncAsync(after, Ct);
        // The flow still goes to the removed endpoint: its conntrack entry outlives the rules.
        Assert.Equal(first, await NamespaceSockets.UdpRequestAsync(node.Network.ClientNamespace, IPAddress.Parse("10.43.0.10"), 53, IptablesNode.Timeout, sourcePort));

        await StaleUdpFlows.ClearAsync(node.Commands, before, after, Ct);
        var switched = await NamespaceSockets.UdpRequestAsync(node.Network.ClientNamespace, IPAddress.Parse("10.43.0.10"), 53, IptablesNode.Timeout, sourcePort);
        Assert.NotEqual(first, switched);
    }

    [Fact]
    public async Task UdpServiceGettingItsFirstEndpoint_ClearsTheFlowThatWasRejected()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        var service = Service("dns", "10.43.0.10", 53, ServiceProtocol.Udp);
        var empty = State(service, []);
        await node.Backend.SyncAsync(empty, Ct);
        const int sourcePort = 40001;
        var refused = await Assert.ThrowsAsync<SocketException>(() =>
            NamespaceSockets.UdpRequestAsync(node.Network.ClientNamespace, IPAddress.Parse("10.43.0.10"), 53, IptablesNode.Timeout, sourcePort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        var served = State(service, [Ready(node.Network.EndpointAddresses[0], 5353)], changed: new HashSet<string> { "default/dns" });
        await node.Backend.SyncAsync(served, Ct);
        await StaleUdpFlows.ClearAsync(node.Commands, empty, served, Ct);
        Assert.Equal("ep0", await NamespaceSockets.UdpRequestAsync(node.Network.ClientNamespace, IPAddress.Parse("10.43.0.10"), 53, IptablesNode.Timeout, sourcePort));
    }

    [Fact]
    public async Task SctpService_IsProgrammedAlongsideTcp_EvenWithoutTheKernelsSctpModule()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        var eps = node.Network.EndpointAddresses;
        await node.Backend.SyncAsync(State([
            (Service("s", "10.43.0.30", 9, ServiceProtocol.Sctp), [Ready(eps[0], 9)]),
            (Service("web", "10.43.0.20", 80), [Ready(eps[0])]),
        ]), Ct);

        Assert.Matches(@"-A KUBE-SERVICES -d 10\.43\.0\.30/32 -p sctp .*-m sctp --dport 9 -j KUBE-SVC-", await node.SaveAsync());
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(ClusterIP, 80, IptablesNode.Timeout));
    }
}
