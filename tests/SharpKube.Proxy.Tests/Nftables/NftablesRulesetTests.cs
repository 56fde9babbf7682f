using System.Net;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Nftables;
using static SharpKube.Proxy.Tests.Nftables.ServiceStates;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>What the nftables backend leaves in the kernel, read back with <c>nft list table</c>.</summary>
public sealed class NftablesRulesetTests
{
    private static readonly IPAddress Endpoint1 = IPAddress.Parse("10.42.0.10");
    private static readonly IPAddress Endpoint2 = IPAddress.Parse("10.42.0.11");

    [Fact]
    public async Task FullSync_WritesMapsToPerServiceAndPerEndpointChains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates { NodeAddresses = [network.NodeAddress] };
        states.Set(Service("web", "10.43.0.50", 80) with { NodePort = 30080, StickySeconds = 300 }, Ready(Endpoint1, 8080), Ready(Endpoint2, 8080));
        states.Set(Service("empty", "10.43.0.51", 53, ServiceProtocol.Udp));
        states.Set(Service("api", "10.43.0.60", 443) with { NodePort = 30443 }, Ready(Endpoint1, 8443), Ready(Endpoint2, 8443));
        await backend.SyncAsync(states.Full(), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        foreach (var expected in new[]
        {
            "map service-ips {", "map service-nodeports {", "map no-endpoint-services {", "set cluster-ips {",
            "chain nat-prerouting {", "chain filter-forward {", "chain masquerading {",
            "ip daddr . meta l4proto . th dport vmap @service-ips",
            "10.43.0.50 . tcp . 80 : goto service-", "tcp . 30080 : goto external-",
            "10.43.0.51 . udp . 53 : goto reject-chain",
            "-default/web/tcp/ {", "-default/web/tcp/__10.42.0.10/8080 {",
            "ip daddr 10.43.0.50 tcp dport 80 ip saddr != 10.42.0.0/16 jump mark-for-masquerade",
            "numgen random mod 2 0 goto endpoint-", "update @affinity-", "timeout 5m",
            "meta l4proto tcp dnat to 10.42.0.10:8080",
            "dnat ip to ip daddr . tcp dport . numgen random mod 2 map @service-backends-tcp-",
            "dnat ip to tcp dport . numgen random mod 2 map @nodeport-backends-tcp-",
            "10.43.0.60 . 443 . 1 : 10.42.0.11 . 8443", "30443 . 0 : 10.42.0.10 . 8443",
            "ip saddr . ip daddr @hairpin-endpoints jump mark-for-masquerade", "10.42.0.11 . 10.42.0.11",
        })
        {
            Assert.Contains(expected, table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SctpService_IsProgrammedAlongTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("web", "10.43.0.50", 80), Ready(Endpoint1, 8080));
        states.Set(Service("signal", "10.43.0.52", 9000, ServiceProtocol.Sctp) with { NodePort = 30900 }, Ready(Endpoint1, 9000));
        await backend.SyncAsync(states.Full(), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains("10.43.0.52 . sctp . 9000 : goto service-", table, StringComparison.Ordinal);
        Assert.Contains("dnat ip to ip daddr . sctp dport . numgen random mod 1 map @service-backends-sctp-", table, StringComparison.Ordinal);
        Assert.Contains("10.43.0.52 . 9000 . 0 : 10.42.0.10 . 9000", table, StringComparison.Ordinal);
        Assert.Contains("30900 . 0 : 10.42.0.10 . 9000", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncrementalSync_RewritesOnlyTheChangedService()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint1, 8080));
        states.Set(Service("b", "10.43.0.2", 80) with { NodePort = 30002 }, Ready(Endpoint1, 8080), Ready(Endpoint2, 8080));
        states.Set(Service("c", "10.43.0.3", 80) with { StickySeconds = 60 }, Ready(Endpoint2, 8080));
        await backend.SyncAsync(states.Full(), ct);
        var before = await ListWithHandlesAsync(network.NodeNamespace);

        states.Set(Service("b", "10.43.0.2", 80) with { NodePort = 30002 }, Ready(Endpoint2, 8080));
        await backend.SyncAsync(states.Changed("default/b"), ct);
        var after = await ListWithHandlesAsync(network.NodeNamespace);

        // Rule handles included: a rewritten rule would get a new handle, so equal text means untouched rules.
        Assert.Equal(TableText.Without(before, "default/b/", "10.43.0.2 . 80 . ", "30002 . "), TableText.Without(after, "default/b/", "10.43.0.2 . 80 . ", "30002 . "));
        Assert.Contains("10.43.0.2 . 80 . 1 : 10.42.0.11 . 8080", before, StringComparison.Ordinal);
        Assert.DoesNotContain("10.43.0.2 . 80 . 1 :", after, StringComparison.Ordinal);
        Assert.Contains("10.43.0.2 . 80 . 0 : 10.42.0.11 . 8080", after, StringComparison.Ordinal);
        Assert.Contains("30002 . 0 : 10.42.0.11 . 8080", after, StringComparison.Ordinal);
        Assert.False(backend.LastTransaction.Full);
    }

    [Fact]
    public async Task IncrementalSync_OfARemovedService_DeletesItsChainsSetsAndElements()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint1, 8080));
        var gone = states.Set(Service("b", "10.43.0.2", 80) with { NodePort = 30002, StickySeconds = 60 }, Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Full(), ct);

        states.Remove(gone);
        await backend.SyncAsync(states.Changed("default/b"), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.DoesNotContain("default/b/", table, StringComparison.Ordinal);
        Assert.DoesNotContain("10.43.0.2", table, StringComparison.Ordinal);
        Assert.DoesNotContain("30002", table, StringComparison.Ordinal);
        Assert.Contains("default/a/", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncrementalSync_ChangingTheAffinityTimeout_RecreatesTheSets()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80) with { StickySeconds = 60 }, Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Full(), ct);

        states.Set(Service("a", "10.43.0.1", 80) with { StickySeconds = 7200 }, Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Changed("default/a"), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains("timeout 2h", table, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout 1m", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedTransaction_LeavesThePreviousRules_AndTheNextFullSyncRecovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Full(), ct);
        var before = await ListWithHandlesAsync(network.NodeNamespace);

        // Port 70000 does not fit inet_service: nft refuses the whole transaction.
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint2, 8080));
        states.Set(Service("bad", "10.43.0.9", 70000), Ready(Endpoint1, 8080));
        await Assert.ThrowsAsync<NftablesException>(() => backend.SyncAsync(states.Changed("default/a", "default/bad"), ct));
        Assert.Equal(before, await ListWithHandlesAsync(network.NodeNamespace));

        states.Set(Service("bad", "10.43.0.9", 7000), Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Full(), ct);
        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains("10.43.0.9 . tcp . 7000", table, StringComparison.Ordinal);
        Assert.Contains("10.43.0.1 . 80 . 0 : 10.42.0.11 . 8080", table, StringComparison.Ordinal);
        Assert.DoesNotContain("10.43.0.1 . 80 . 0 : 10.42.0.10 . 8080", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullSync_ByANewProcess_DeletesWhatTheOldOneLeftAndNoServiceNeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint1, 8080));
        var gone = states.Set(Service("b", "10.43.0.2", 80) with { StickySeconds = 60 }, Ready(Endpoint1, 8080));
        await NftablesFixture.Backend(network).SyncAsync(states.Full(), ct);

        states.Remove(gone);
        var restarted = NftablesFixture.Backend(network);
        await restarted.SyncAsync(states.Changed("default/a"), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.DoesNotContain("default/b/", table, StringComparison.Ordinal);
        Assert.DoesNotContain("10.43.0.2", table, StringComparison.Ordinal);
        Assert.Contains("default/a/", table, StringComparison.Ordinal);
        Assert.True(restarted.LastTransaction.Full);
    }

    [Fact]
    public async Task FullSync_ByANewProcess_KeepsAffinityServicesWorking()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80) with { StickySeconds = 60 }, Ready(Endpoint1, 8080), Ready(Endpoint2, 8080));
        await NftablesFixture.Backend(network).SyncAsync(states.Full(), ct);

        // The new process cannot know the sets' timeouts, so it recreates them (with the new timeout).
        states.Set(Service("a", "10.43.0.1", 80) with { StickySeconds = 90 }, Ready(Endpoint1, 8080), Ready(Endpoint2, 8080));
        await NftablesFixture.Backend(network).SyncAsync(states.Full(), ct);

        var table = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains("update @affinity-", table, StringComparison.Ordinal);
        Assert.Contains("timeout 1m30s", table, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout 1m\n", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_DeletesTheTable_AndIsFineWhenThereIsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        states.Set(Service("a", "10.43.0.1", 80), Ready(Endpoint1, 8080));
        await backend.SyncAsync(states.Full(), ct);

        await backend.CleanupAsync(ct);
        var tables = await NftablesFixture.RunInAsync(network.NodeNamespace, "nft", "list", "tables");
        Assert.DoesNotContain("kube-proxy", tables, StringComparison.Ordinal);
        await backend.CleanupAsync(ct);
    }

    private static Task<string> ListWithHandlesAsync(string networkNamespace) =>
        NftablesFixture.RunInAsync(networkNamespace, "nft", "-a", "list", "table", "ip", "kube-proxy");
}
