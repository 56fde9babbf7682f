using BenchmarkDotNet.Attributes;
using k8s.Models;
using SharpKube.Dns.Caching;
using SharpKube.Dns.Metrics;
using SharpKube.Dns.Server;
using SharpKube.Dns.Wire;
using SharpKube.Dns.Zone;

namespace SharpKube.Benchmarks.Dns;

/// <summary>
/// The cluster DNS's per-query work without the sockets: parsing a query, and answering one whose response is
/// cached (the hot path, which should allocate nothing) or in the zone but not yet cached, with 1,000 Services.
/// </summary>
[MemoryDiagnoser]
public class DnsHotPathBenchmarks
{
    private readonly byte[] _response = new byte[65536];
    private readonly char[] _name = new char[255];
    private byte[] _query = null!;
    private ResponseCache _cache = null!;
    private ClusterZone _zone = null!;
    private DnsRequestHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cache = new ResponseCache(10_000);
        _zone = new ClusterZone("cluster.local", ["43.10.in-addr.arpa"], 5, _cache);
        for (var i = 0; i < 1000; i++)
        {
            var service = new V1Service
            {
                Metadata = new V1ObjectMeta { Name = $"svc-{i}", NamespaceProperty = "load" },
                Spec = new V1ServiceSpec { ClusterIP = $"10.43.{i / 250}.{(i % 250) + 1}", Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
            };
            _zone.Replace($"service/load/svc-{i}", ServiceRecords.For(service, [], "cluster.local", 5));
        }
        _handler = new DnsRequestHandler(_zone, _cache, new DnsMetrics());
        _query = Query("svc-500.load.svc.cluster.local");
        _handler.Respond(_query, _response, tcp: false, ipv6: false);
    }

    [Benchmark]
    public int ParseQuery() => DnsQueryParser.Parse(_query, _name, out var query) == DnsQueryStatus.Ok ? query.NameLength : 0;

    [Benchmark]
    public int AnswerCachedName() => _handler.Respond(_query, _response, tcp: false, ipv6: false);

    [Benchmark]
    public int AnswerZoneNameNotCached()
    {
        _cache.Invalidate("svc-500.load.svc.cluster.local");
        return _handler.Respond(_query, _response, tcp: false, ipv6: false);
    }

    private static byte[] Query(string name)
    {
        var bytes = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.AddRange([0, 0, 1, 0, 1]);
        return [.. bytes];
    }
}
