using System.Diagnostics;
using System.Globalization;
using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>
/// Many services with ten endpoints each: the sync still applies and an incremental sync still touches one
/// service. The timings go to the test output, for docs/benchmarks.md — they are not asserted. The service count is
/// 1,000, or <c>SHARPKUBE_NFT_SCALE</c>.
/// </summary>
public sealed class NftablesScaleTests
{
    [Fact]
    public async Task ManyServices_SyncFully_ThenIncrementallyForOneChangedService()
    {
        var ct = TestContext.Current.CancellationToken;
        var count = int.TryParse(Environment.GetEnvironmentVariable("SHARPKUBE_NFT_SCALE"), CultureInfo.InvariantCulture, out var n) ? n : 1000;
        await using var network = await NftablesFixture.NetworkAsync(0, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        for (var i = 0; i < count; i++)
        {
            states.Set(ServiceStates.Service("svc" + i, Address(43, i), 80, ns: "scale"), Endpoints(i, 10));
        }

        var full = Stopwatch.StartNew();
        await backend.SyncAsync(states.Full(), ct);
        full.Stop();
        var fullNft = backend.LastTransaction.Elapsed;

        var resync = Stopwatch.StartNew();
        await backend.SyncAsync(states.Full(), ct);
        resync.Stop();
        var resyncNft = backend.LastTransaction.Elapsed;

        states.Set(ServiceStates.Service("svc7", Address(43, 7), 80, ns: "scale"), Endpoints(count + 7, 10));
        var incremental = Stopwatch.StartNew();
        await backend.SyncAsync(states.Changed("scale/svc7"), ct);
        incremental.Stop();
        var incrementalNft = backend.LastTransaction.Elapsed;

        var chains = await NftablesFixture.RunInAsync(network.NodeNamespace, "nft", "list", "chains", "ip");
        Assert.Equal(count, chains.Split('\n').Count(line => line.Contains("-scale/svc", StringComparison.Ordinal)));
        var backends = await NftablesFixture.ListTableAsync(network.NodeNamespace);
        Assert.Contains(Address(43, 7) + " . 80 . 0 : " + Address(42, ((count + 7) * 10) % 60000) + " . 8080", backends, StringComparison.Ordinal);
        Assert.DoesNotContain(" : " + Address(42, 70) + " . 8080", backends, StringComparison.Ordinal);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{count} services x 10 endpoints: full sync {full.ElapsedMilliseconds} ms (nft {fullNft.TotalMilliseconds:F0} ms), "
            + $"full resync {resync.ElapsedMilliseconds} ms (nft {resyncNft.TotalMilliseconds:F0} ms), "
            + $"incremental {incremental.ElapsedMilliseconds} ms (nft {incrementalNft.TotalMilliseconds:F0} ms)");
    }

    private static EndpointInfo[] Endpoints(int service, int count)
    {
        var endpoints = new EndpointInfo[count];
        for (var i = 0; i < count; i++)
        {
            endpoints[i] = ServiceStates.Ready(IPAddress.Parse(Address(42, ((service * count) + i) % 60000)), 8080);
        }

        return endpoints;
    }

    /// <summary>The <paramref name="index"/>th address of 10.<paramref name="second"/>.0.0/16, from .0.1 on.</summary>
    private static string Address(int second, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{second}.{index / 250}.{(index % 250) + 1}");
}
