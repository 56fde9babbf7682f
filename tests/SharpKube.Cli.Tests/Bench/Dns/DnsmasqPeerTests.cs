using System.Globalization;
using System.Text.Json;
using SharpKube.Cli.Bench;
using SharpKube.Cli.Bench.Dns;
using SharpKube.Cli.Bench.Dns.Dnsperf;
using SharpKube.Cli.Bench.Dns.Output;
using SharpKube.Cli.Bench.Dns.Peer;
using SharpKube.Cli.Bench.Dns.Results;
using SharpKube.Cli.Bench.Dns.Target;
using SharpKube.Cli.Bench.Dns.Workload;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Tests.Bench.Dns;

/// <summary>The peer half of <c>sharpkube bench dns</c> for real: dnsmasq serving a written zone, loaded by dnsperf.</summary>
[Collection(DnsBenchCollection.Name)]
public sealed class DnsmasqPeerTests : IDisposable
{
    private const int Services = 300;
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("sharpkube-dns-peer-test-").FullName;
    private readonly ZoneEntry[] _zone = Enumerable.Range(0, Services)
        .Select(i => new ZoneEntry(
            BenchServices.FqdnOf(i),
            BenchServices.IsHeadless(i) ? BenchServices.EndpointAddressOf(i) : string.Create(CultureInfo.InvariantCulture, $"10.43.{i / 200}.{(i % 200) + 2}"),
            BenchServices.IsHeadless(i)))
        .ToArray();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Dnsmasq_AnswersEveryWrittenNameWithItsAddressAndMissingNamesWithNxdomain()
    {
        await using var peer = await StartPeerAsync();

        foreach (var entry in _zone)
        {
            var answer = await DnsProbe.QueryAsync(peer.Port, entry.Name, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            Assert.NotNull(answer);
            Assert.Equal(0, answer.ResponseCode);
            Assert.Equal([entry.Address], answer.Addresses);
        }

        var missing = await DnsProbe.QueryAsync(peer.Port, "missing-" + _zone[0].Name, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(3, missing?.ResponseCode);
        Assert.StartsWith("dnsmasq 2.", peer.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPass_AgainstDnsmasq_ReportsThroughputLatencyResponseCodesAndServerCpu()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var peer = await StartPeerAsync(withSrv: false);
        await using var peerWithSrv = await StartPeerAsync(withSrv: true);
        var files = new DnsQueryFiles(Path.Combine(_dir, "cached.txt"), Path.Combine(_dir, "mixed.txt"));
        QueryFiles.WriteCachedNames(files.Cached, _zone, 100);
        QueryFiles.WriteMixed(files.Mixed, _zone, 100);
        var settings = new DnsperfSettings("dnsperf", TimeSpan.FromSeconds(1), Clients: 2, Threads: 1, Outstanding: 20);
        var progress = new StringWriter();
        var passes = new ServerPasses(settings, files, latencyQps: 2000, _dir, progress);
        var answering = new DnsTarget(new MeasuredProcess(peer.Version, peer.Process.CpuTime, peer.Process.Memory), peer.Port);
        var mixedTarget = new DnsTarget(new MeasuredProcess(peer.Version + " with SRV", peerWithSrv.Process.CpuTime, peerWithSrv.Process.Memory), peerWithSrv.Port);

        var results = await passes.RunAsync(answering, mixedTarget, "dnsmasq", ct);

        Assert.Equal(["cached", "latency", "mixed"], results.Select(r => r.Pass));
        var cached = results[0];
        Assert.True(cached.Statistics.QueriesPerSecond > 1000, $"{cached.Statistics.QueriesPerSecond} q/s");
        Assert.Equal(1.0, cached.Statistics.NoErrorShare());
        Assert.Null(cached.Latency);
        Assert.True(cached.Server.CpuSeconds > 0, "dnsmasq used CPU while answering");
        Assert.True(cached.Server.RssBytes > 0);

        var latency = results[1];
        Assert.Equal(2000, latency.MaxQps);
        Assert.NotNull(latency.Latency);
        Assert.Equal(latency.Statistics.QueriesCompleted, latency.Latency.Count);
        Assert.InRange(latency.Statistics.QueriesPerSecond, 1000, 2200);
        Assert.True(latency.Latency.P50Ms > 0);
        Assert.True(latency.Latency.P50Ms <= latency.Latency.P99Ms && latency.Latency.P99Ms <= latency.Latency.MaxMs);

        // Of each three queries of the mixed file, two (the A and SRV of a ClusterIP Service) have answers, one (a missing name) is NXDOMAIN.
        var mixed = results[2].Statistics;
        Assert.InRange(mixed.NoErrorShare(), 0.6, 0.7);
        Assert.True(mixed.ResponseCodes["NXDOMAIN"] > 0);
        Assert.Equal(peer.Version + " with SRV", results[2].Server.Process);
        Assert.True(File.Exists(Path.Combine(_dir, "dnsperf-dnsmasq-cached.txt")));
        Assert.Contains("[dns] dnsmasq 2.", progress.ToString(), StringComparison.Ordinal);

        // The report of such a run prints as a table and serializes.
        var server = new DnsServerResult(peer.Version, peer.Description, null, 1 << 20, 2 << 20, 3 << 20, results);
        var report = new DnsBenchReport("dns", "test", DateTimeOffset.UtcNow, "sharpkube bench dns", MachineInfo.Current(), "none",
            new DnsBenchSettings(Services, Services / 10, BenchServices.Namespaces, BenchServices.ClusterDomain, 100, 270, 1, 1, 2, 1, 20, 2000, "dnsperf 2.10.0"),
            1.0, LatencySummary.From(new LatencyHistogram()), [server], DnsReference.For(Services + (Services / 10)),
            "1.00 0.50 0.25", null);
        var table = new StringWriter();
        await DnsBenchTable.WriteAsync(report, table);
        Assert.Contains($"  {peer.Version}  ", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("cached names at 2,000 q/s", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("load average 1.00 0.50 0.25 before, ? after", table.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, CliJson.Context.DnsBenchReport));
        var pass = json.RootElement.GetProperty("servers")[0].GetProperty("passes")[0];
        Assert.Equal("cached", pass.GetProperty("pass").GetString());
        Assert.True(pass.GetProperty("statistics").GetProperty("queriesPerSecond").GetDouble() > 1000);
    }

    private async Task<DnsmasqPeer> StartPeerAsync(bool withSrv = true)
    {
        var hosts = Path.Combine(_dir, "hosts");
        var srv = Path.Combine(_dir, "srv.conf");
        DnsmasqZoneFiles.WriteHosts(hosts, _zone);
        DnsmasqZoneFiles.WriteSrvConfiguration(srv, _zone);
        return await DnsmasqPeer.StartAsync("dnsmasq", hosts, withSrv ? srv : null, _zone, _dir, _startTimeout, TestContext.Current.CancellationToken);
    }
}
