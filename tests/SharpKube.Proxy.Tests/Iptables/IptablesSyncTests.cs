using System.Net;
using SharpKube.Proxy.Iptables;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Node;
using static SharpKube.Proxy.Tests.Iptables.TestStates;

namespace SharpKube.Proxy.Tests.Iptables;

/// <summary>How syncs change the kernel's tables: partial restores, failures, stale chains, cleanup.</summary>
public sealed class IptablesSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProxyState TwoServices(IptablesNode node, int webEndpoints, IReadOnlySet<string>? changed = null)
    {
        var eps = node.Network.EndpointAddresses;
        return State([
            (Service("web", "10.43.0.20", 80), eps.Take(webEndpoints).Select(a => Ready(a))),
            (Service("api", "10.43.0.21", 80), [Ready(eps[^1])]),
        ], changed: changed);
    }

    [Fact]
    public async Task PartialSync_RewritesOnlyTheChangedServicesChains_AndKeepsTheOthersWorking()
    {
        await using var node = await IptablesNode.CreateAsync(3);
        await node.Backend.SyncAsync(TwoServices(node, 3), Ct);
        var api = ChainNames.Service(new ServicePortName("default", "api", "", ServiceProtocol.Tcp));
        var web = ChainNames.Service(new ServicePortName("default", "web", "", ServiceProtocol.Tcp));
        var removedEndpoint = ChainNames.Endpoint(new ServicePortName("default", "web", "", ServiceProtocol.Tcp), Ready(node.Network.EndpointAddresses[2]));
        Assert.Contains($":{api} - [0:0]", node.Backend.LastRestoreInput);
        Assert.True(node.Backend.LastSyncWasFull);

        await node.Backend.SyncAsync(TwoServices(node, 2, new HashSet<string> { "default/web" }), Ct);

        var input = node.Backend.LastRestoreInput!;
        Assert.False(node.Backend.LastSyncWasFull);
        Assert.Contains($":{web} - [0:0]", input);
        Assert.DoesNotContain($":{api} ", input);
        Assert.DoesNotContain($"-A {api} ", input);
        Assert.Contains($"-X {removedEndpoint}\n", input);
        // Only an endpoint went: no line of the top-level chains changed, so they are not rewritten.
        Assert.DoesNotContain(":KUBE-SERVICES", input);
        Assert.DoesNotContain("*filter", input);
        var saved = await node.SaveAsync();
        Assert.Contains($":{api} - ", saved);
        Assert.DoesNotContain(removedEndpoint, saved);
        Assert.Equal("ep2", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.21"), 80, IptablesNode.Timeout));
        Assert.Equal(2, (await node.HitsAsync(IPAddress.Parse("10.43.0.20"), 80, 40)).Count);
    }

    [Fact]
    public async Task FailedRestore_LeavesThePreviousRules_AndTheNextSyncRecoversWithAFullSync()
    {
        await using var node = await IptablesNode.CreateAsync(2);
        await node.Backend.SyncAsync(TwoServices(node, 1), Ct);
        var api = ChainNames.Service(new ServicePortName("default", "api", "", ServiceProtocol.Tcp));
        // Someone else's rule refers to the api Service's chain, so the restore that deletes the chain must fail.
        string[] foreign = ["-w", "5", "-t", "nat", "-A", "OUTPUT", "-d", "203.0.113.1", "-j", api];
        await node.Commands.RunCheckedAsync("iptables", foreign, null, Ct);
        var withoutApi = State([(Service("web", "10.43.0.20", 80), [Ready(node.Network.EndpointAddresses[1])])],
            changed: new HashSet<string> { "default/api", "default/web" });

        await Assert.ThrowsAsync<NodeCommandException>(() => node.Backend.SyncAsync(withoutApi, Ct));

        // Nothing of the failed sync reached the kernel: web still goes to ep0, api still works.
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));
        Assert.Equal("ep1", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.21"), 80, IptablesNode.Timeout));

        foreign[4] = "-D";
        await node.Commands.RunCheckedAsync("iptables", foreign, null, Ct);
        await node.Backend.SyncAsync(withoutApi, Ct);

        Assert.True(node.Backend.LastSyncWasFull);
        Assert.DoesNotContain(api, await node.SaveAsync());
        Assert.Equal("ep1", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));
    }

    [Fact]
    public async Task FullSync_DeletesServiceChainsNoServiceNeeds_AndRestoresMissingJumps()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        await node.Commands.RunCheckedAsync("iptables-restore", ["--noflush"], "*nat\n:KUBE-SVC-LEFTOVER0000000 - [0:0]\nCOMMIT\n", Ct);
        await node.Backend.SyncAsync(State(Service("web", "10.43.0.20", 80), [Ready(node.Network.EndpointAddresses[0])]), Ct);
        Assert.DoesNotContain("KUBE-SVC-LEFTOVER", await node.SaveAsync());

        await node.Commands.RunCheckedAsync("iptables", ["-w", "5", "-t", "nat", "-D", "PREROUTING", "-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"], null, Ct);
        // Without the jump nothing translates the cluster IP: the request goes unanswered.
        await Assert.ThrowsAnyAsync<Exception>(() => node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, TimeSpan.FromMilliseconds(500)));
        await node.Backend.SyncAsync(State(Service("web", "10.43.0.20", 80), [Ready(node.Network.EndpointAddresses[0])]), Ct);
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));
    }

    [Fact]
    public async Task Cleanup_LeavesNoKubeChainOrJump()
    {
        await using var node = await IptablesNode.CreateAsync(2);
        await node.Backend.SyncAsync(State(Service("web", "10.43.0.20", 80) with { NodePort = 30080, StickySeconds = 60 },
            node.Network.EndpointAddresses.Select(a => Ready(a))), Ct);
        Assert.Contains("KUBE-", await node.SaveAsync());

        await node.Backend.CleanupAsync(Ct);

        Assert.DoesNotContain("KUBE-", await node.SaveAsync());
        await node.Backend.CleanupAsync(Ct);
    }

    [Fact]
    public async Task ServicePortOutOfRange_IsSkipped_WithoutFailingTheOthers()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        await node.Backend.SyncAsync(State([
            (Service("bad", "10.43.0.22", 70000), [Ready(node.Network.EndpointAddresses[0])]),
            (Service("web", "10.43.0.20", 80), [Ready(node.Network.EndpointAddresses[0])]),
        ]), Ct);

        Assert.DoesNotContain("default/bad", await node.SaveAsync());
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));
    }
}
