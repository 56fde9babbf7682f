using SharpKube.Cli.Bench.Dns.Peer;
using SharpKube.Cli.Bench.Dns.Workload;

namespace SharpKube.Cli.Tests.Bench.Dns;

public sealed class DnsZoneFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sharpkube-dns-zone-test-").FullName;

    private static readonly ZoneEntry[] _zone =
    [
        new("svc-0.dns-bench-0.svc.cluster.local", "10.43.0.17", false),
        new("svc-1.dns-bench-1.svc.cluster.local", "10.43.0.18", false),
        new("svc-9.dns-bench-9.svc.cluster.local", "10.77.0.1", true),
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteHosts_WritesOneAddressAndNameLinePerService()
    {
        var path = Path.Combine(_dir, "hosts");

        DnsmasqZoneFiles.WriteHosts(path, _zone);

        Assert.Equal(
            "10.43.0.17 svc-0.dns-bench-0.svc.cluster.local\n10.43.0.18 svc-1.dns-bench-1.svc.cluster.local\n10.77.0.1 svc-9.dns-bench-9.svc.cluster.local\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void WriteSrvConfiguration_PointsEachClusterIpServicesNamedPortAtItsNameAndSkipsHeadlessOnes()
    {
        var path = Path.Combine(_dir, "srv.conf");

        DnsmasqZoneFiles.WriteSrvConfiguration(path, _zone);

        Assert.Equal(
            [
                "srv-host=_http._tcp.svc-0.dns-bench-0.svc.cluster.local,svc-0.dns-bench-0.svc.cluster.local,80,0,100",
                "srv-host=_http._tcp.svc-1.dns-bench-1.svc.cluster.local,svc-1.dns-bench-1.svc.cluster.local,80,0,100",
            ],
            File.ReadAllLines(path));
    }

    [Fact]
    public void WriteCachedNames_SpreadsTheSampleEvenlyOverEveryService()
    {
        var zone = Enumerable.Range(0, 10_000).Select(i => new ZoneEntry(BenchServices.FqdnOf(i), "10.43.0.1", BenchServices.IsHeadless(i))).ToArray();
        var path = Path.Combine(_dir, "cached.txt");

        var written = QueryFiles.WriteCachedNames(path, zone, 1000);

        var lines = File.ReadAllLines(path);
        Assert.Equal(1000, written);
        Assert.Equal(1000, lines.Length);
        Assert.Equal("svc-0.dns-bench-0.svc.cluster.local A", lines[0]);
        Assert.Equal("svc-11.dns-bench-1.svc.cluster.local A", lines[1]);
        Assert.Equal("svc-9999.dns-bench-9.svc.cluster.local A", lines[^1]);
        Assert.Equal(1000, lines.Distinct().Count());
        Assert.Equal(BenchServices.Namespaces, lines.Select(l => l.Split('.')[1]).Distinct().Count());
        Assert.Equal(100, lines.Count(l => BenchServices.IsHeadless(int.Parse(l.Split('.')[0]["svc-".Length..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void WriteCachedNames_WithFewerServicesThanTheSample_WritesEachServiceOnce()
    {
        var path = Path.Combine(_dir, "cached.txt");

        var written = QueryFiles.WriteCachedNames(path, _zone, 1000);

        Assert.Equal(3, written);
        Assert.Equal(_zone.Select(e => e.Name + " A"), File.ReadAllLines(path));
    }

    [Fact]
    public void WriteMixed_AsksForEachNamesAddressItsPortsSrvAndAMissingNeighbour()
    {
        var path = Path.Combine(_dir, "mixed.txt");

        var written = QueryFiles.WriteMixed(path, _zone, 1000);

        Assert.Equal(
            [
                "svc-0.dns-bench-0.svc.cluster.local A",
                "_http._tcp.svc-0.dns-bench-0.svc.cluster.local SRV",
                "missing-svc-0.dns-bench-0.svc.cluster.local A",
                "svc-1.dns-bench-1.svc.cluster.local A",
                "_http._tcp.svc-1.dns-bench-1.svc.cluster.local SRV",
                "missing-svc-1.dns-bench-1.svc.cluster.local A",
                "svc-9.dns-bench-9.svc.cluster.local A",
                "missing-svc-9.dns-bench-9.svc.cluster.local A",
            ],
            File.ReadAllLines(path));
        Assert.Equal(8, written);
    }

    [Fact]
    public void BenchServices_MakesEveryTenthServiceHeadlessWithItsOwnEndpointAddress()
    {
        var workload = new BenchServices(10_000);

        var headless = Enumerable.Range(0, workload.Count).Where(BenchServices.IsHeadless).ToArray();

        Assert.Equal(1000, workload.HeadlessCount);
        Assert.Equal(1000, headless.Length);
        Assert.Equal("None", BenchServices.Service(headless[0]).Spec.ClusterIP);
        Assert.Null(BenchServices.Service(0).Spec.ClusterIP);
        Assert.Equal(1000, headless.Select(BenchServices.EndpointAddressOf).Distinct().Count());
        var slice = BenchServices.EndpointSlice(headless[0]);
        Assert.Equal(BenchServices.NameOf(headless[0]), slice.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.Equal(BenchServices.EndpointAddressOf(headless[0]), Assert.Single(Assert.Single(slice.Endpoints).Addresses));
    }
}
