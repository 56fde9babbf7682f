using System.Net;
using System.Net.Sockets;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Tests.Network;
using static SharpKube.Proxy.Tests.Nftables.ServiceStates;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Traffic through rules the nftables backend programmed in a private node namespace.</summary>
public sealed class NftablesTrafficTests
{
    private static readonly IPAddress ClusterIp = IPAddress.Parse("10.43.0.50");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Refused, not timed out: the reject came back at once instead of the client waiting for its deadline.</summary>
    private static async Task AssertRefusedAsync(Func<Task> request)
    {
        var refused = await Assert.ThrowsAsync<SocketException>(request);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task ClusterIp_WithThreeEndpoints_SpreadsRequestsOverAll_AndScalesDownToOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(3, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(Service("web", "10.43.0.50", 80), Ready(eps[0], 8080), Ready(eps[1], 8080), Ready(eps[2], 8080));
        await backend.SyncAsync(states.Full(), ct);

        var spread = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 100);
        Assert.Equal(["ep0", "ep1", "ep2"], spread.Keys.Order());
        Assert.All(spread.Values, count => Assert.InRange(count, 10, 60));

        states.Set(Service("web", "10.43.0.50", 80), Ready(eps[1], 8080));
        await backend.SyncAsync(states.Changed("default/web"), ct);
        spread = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 20);
        Assert.Equal(["ep1"], spread.Keys);
    }

    [Fact]
    public async Task ServiceWithoutEndpoints_RefusesTcpAndUdp_FromPodsAndFromTheNode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(1, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("web", "10.43.0.50", 80));
        states.Set(Service("dns", "10.43.0.50", 53, ServiceProtocol.Udp));
        states.Set(Service("node", "10.43.0.51", 80) with { NodePort = 30080 });
        await backend.SyncAsync(states.Full(), ct);

        // Refused, not timed out: the reject comes back at once instead of the client waiting for its deadline.
        await AssertRefusedAsync(() => network.TcpRequestAsync(ClusterIp, 80, Timeout));
        await AssertRefusedAsync(() => network.UdpRequestAsync(ClusterIp, 53, Timeout));
        await AssertRefusedAsync(() => NamespaceSockets.TcpRequestAsync(network.NodeNamespace, ClusterIp, 80, Timeout));
        await AssertRefusedAsync(() => NamespaceSockets.TcpRequestAsync(network.NodeNamespace, network.NodeAddress, 30080, Timeout));
    }

    [Fact]
    public async Task ClusterIp_OnAPortTheServiceDoesNotHave_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(1, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("web", "10.43.0.50", 80), Ready(network.EndpointAddresses[0], 8080));
        await backend.SyncAsync(states.Full(), ct);

        Assert.Equal("ep0", await network.TcpRequestAsync(ClusterIp, 80, Timeout));
        await AssertRefusedAsync(() => network.TcpRequestAsync(ClusterIp, 81, Timeout));
    }

    [Fact]
    public async Task NodePort_AnswersOnTheNodeAddressAndOnLocalhost_FromTheNode_AndOnTheNodeAddressFromPods()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(2, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates { NodeAddresses = [network.NodeAddress] };
        var eps = network.EndpointAddresses;
        states.Set(Service("web", "10.43.0.50", 80) with { NodePort = 30080 }, Ready(eps[0], 8080), Ready(eps[1], 8080));
        states.Set(Service("dns", "10.43.0.50", 53, ServiceProtocol.Udp) with { NodePort = 30053 }, Ready(eps[0], 5353));
        await backend.SyncAsync(states.Full(), ct);

        Assert.StartsWith("ep", await NamespaceSockets.TcpRequestAsync(network.NodeNamespace, network.NodeAddress, 30080, Timeout));
        Assert.StartsWith("ep", await NamespaceSockets.TcpRequestAsync(network.NodeNamespace, IPAddress.Loopback, 30080, Timeout));
        Assert.StartsWith("ep", await network.TcpRequestAsync(network.NodeAddress, 30080, Timeout));
        Assert.Equal("ep0", await NamespaceSockets.UdpRequestAsync(network.NodeNamespace, IPAddress.Loopback, 30053, Timeout, 0));
        Assert.Equal("ep0", await network.UdpRequestAsync(network.NodeAddress, 30053, Timeout));
    }

    [Fact]
    public async Task ExternalAndLoadBalancerIps_ReachTheEndpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(1, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(
            Service("web", "10.43.0.50", 80) with { ExternalIPs = [IPAddress.Parse("192.0.2.10")], LoadBalancerIPs = [IPAddress.Parse("198.51.100.7")] },
            Ready(network.EndpointAddresses[0], 8080));
        await backend.SyncAsync(states.Full(), ct);

        Assert.Equal("ep0", await network.TcpRequestAsync(IPAddress.Parse("192.0.2.10"), 80, Timeout));
        Assert.Equal("ep0", await network.TcpRequestAsync(IPAddress.Parse("198.51.100.7"), 80, Timeout));
    }

    [Fact]
    public async Task ClientIpAffinity_PinsTheClientToOneEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(3, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(Service("web", "10.43.0.50", 80) with { StickySeconds = 600 }, Ready(eps[0], 8080), Ready(eps[1], 8080), Ready(eps[2], 8080));
        await backend.SyncAsync(states.Full(), ct);

        var spread = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 30);
        Assert.Single(spread);

        // A periodic full resync keeps what the affinity sets learned.
        await backend.SyncAsync(states.Full(), ct);
        var again = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 10);
        Assert.Equal(spread.Keys, again.Keys);
    }

    [Fact]
    public async Task TerminatingEndpoints_AreUsedOnlyWhenNoReadyEndpointRemains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(2, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(Service("web", "10.43.0.50", 80), Ready(eps[0], 8080), Terminating(eps[1], 8080));
        await backend.SyncAsync(states.Full(), ct);
        Assert.Equal(["ep0"], (await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 20)).Keys);

        states.Set(Service("web", "10.43.0.50", 80), Terminating(eps[1], 8080), new EndpointInfo(eps[0], 8080, false, false, true, true));
        await backend.SyncAsync(states.Changed("default/web"), ct);
        Assert.Equal(["ep1"], (await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 20)).Keys);
    }

    [Fact]
    public async Task InternalTrafficPolicyLocal_SendsClusterIpTrafficOnlyToThisNodesEndpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(3, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(
            Service("web", "10.43.0.50", 80) with { InternalPolicyLocal = true },
            Ready(eps[0], 8080, local: false), Ready(eps[1], 8080, local: true), Ready(eps[2], 8080, local: false));
        await backend.SyncAsync(states.Full(), ct);
        Assert.Equal(["ep1"], (await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 20)).Keys);

        // Endpoints elsewhere only: dropped (the service exists, just not here), not refused.
        states.Set(Service("web", "10.43.0.50", 80) with { InternalPolicyLocal = true }, Ready(eps[0], 8080, local: false));
        await backend.SyncAsync(states.Changed("default/web"), ct);
        await Assert.ThrowsAsync<TimeoutException>(() => network.TcpRequestAsync(ClusterIp, 80, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ExternalTrafficPolicyLocal_StillServesPodsFromEveryEndpoint_AndTheNodeFromLocalOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(2, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates { NodeAddresses = [network.NodeAddress] };
        var eps = network.EndpointAddresses;
        states.Set(
            Service("web", "10.43.0.50", 80) with { NodePort = 30080, ExternalPolicyLocal = true },
            Ready(eps[0], 8080, local: true), Ready(eps[1], 8080, local: false));
        await backend.SyncAsync(states.Full(), ct);

        // Pods (in the cluster CIDR) use the cluster policy: both endpoints.
        var spread = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            spread.Add(await network.TcpRequestAsync(network.NodeAddress, 30080, Timeout));
        }

        Assert.Equal(["ep0", "ep1"], spread.Order());
        Assert.StartsWith("ep", await NamespaceSockets.TcpRequestAsync(network.NodeNamespace, network.NodeAddress, 30080, Timeout));
        var rules = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains("fib saddr type local", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hairpin_APodReachesItselfThroughItsService()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(1, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("web", "10.43.0.50", 80), Ready(network.EndpointAddresses[0], 8080));
        states.Set(Service("dns", "10.43.0.50", 53, ServiceProtocol.Udp), Ready(network.EndpointAddresses[0], 5353));
        await backend.SyncAsync(states.Full(), ct);

        Assert.Equal("ep0", await NamespaceSockets.TcpRequestAsync(network.EndpointNamespaces[0], ClusterIp, 80, Timeout));
        Assert.Equal("ep0", await NamespaceSockets.UdpRequestAsync(network.EndpointNamespaces[0], ClusterIp, 53, Timeout, 0));
    }

    [Fact]
    public async Task RemovedUdpEndpoint_LosesItsConntrackEntries_SoTheSameFlowMovesToTheNewEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(2, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(Service("dns", "10.43.0.50", 53, ServiceProtocol.Udp), Ready(eps[0], 5353));
        await backend.SyncAsync(states.Full(), ct);
        Assert.Equal("ep0", await NamespaceSockets.UdpRequestAsync(network.ClientNamespace, ClusterIp, 53, Timeout, 40053));

        // ep0 still answers, so a stale conntrack entry would keep sending this flow to it.
        states.Set(Service("dns", "10.43.0.50", 53, ServiceProtocol.Udp), Ready(eps[1], 5353));
        await backend.SyncAsync(states.Changed("default/dns"), ct);
        Assert.Equal("ep1", await NamespaceSockets.UdpRequestAsync(network.ClientNamespace, ClusterIp, 53, Timeout, 40053));
    }

    [Fact]
    public async Task ExternalTrafficPolicyLocal_SendsOutsideClientsOnlyToThisNodesEndpoints_ClusterPolicyToAll()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(2, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates { NodeAddresses = [network.NodeAddress] };
        var eps = network.EndpointAddresses;
        states.Set(
            Service("local", "10.43.0.50", 80) with { NodePort = 30080, ExternalPolicyLocal = true },
            Ready(eps[0], 8080, local: true), Ready(eps[1], 8080, local: false));
        states.Set(
            Service("cluster", "10.43.0.51", 80) with { NodePort = 30081 },
            Ready(eps[0], 8080, local: true), Ready(eps[1], 8080, local: false));
        await backend.SyncAsync(states.Full(), ct);

        var local = new HashSet<string>();
        var cluster = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            local.Add(await network.TcpRequestFromOutsideAsync(network.NodeAddress, 30080, Timeout));
            cluster.Add(await network.TcpRequestFromOutsideAsync(network.NodeAddress, 30081, Timeout));
        }

        Assert.Equal(["ep0"], local);
        Assert.Equal(["ep0", "ep1"], cluster.Order());
    }
}
