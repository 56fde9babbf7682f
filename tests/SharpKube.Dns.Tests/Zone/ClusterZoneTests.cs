using SharpKube.Dns.Caching;
using SharpKube.Dns.Wire;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Tests.Zone;

public sealed class ClusterZoneTests
{
    private readonly ResponseCache _cache = new(100);
    private readonly ClusterZone _zone;

    public ClusterZoneTests() => _zone = new ClusterZone("cluster.local", ["43.10.in-addr.arpa"], 5, _cache);

    [Fact]
    public void ChangingAName_DropsItsCachedAnswers_AndThoseOfItsParents()
    {
        Assert.Equal(DnsResponseCode.NameError, Rcode(_zone.Answer("web.ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
        Assert.Equal(DnsResponseCode.NameError, Rcode(_zone.Answer("ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
        Assert.NotNull(_cache.Find("web.ns.svc.cluster.local", DnsRecordType.A, 1, 0, 0));
        _zone.Replace("service/ns/web", new Dictionary<string, ResourceRecord[]>
        {
            ["web.ns.svc.cluster.local"] = [new ResourceRecord("web.ns.svc.cluster.local", DnsRecordType.A, 5, [10, 43, 0, 7])],
        });
        Assert.Null(_cache.Find("web.ns.svc.cluster.local", DnsRecordType.A, 1, 0, 0));
        Assert.Null(_cache.Find("ns.svc.cluster.local", DnsRecordType.A, 1, 0, 0));
        Assert.Equal(DnsResponseCode.NoError, Rcode(_zone.Answer("web.ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
        // The namespace name now exists as an empty non-terminal...
        Assert.Equal(DnsResponseCode.NoError, Rcode(_zone.Answer("ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
        // ...until its last name goes.
        _zone.Replace("service/ns/web", null);
        Assert.Equal(DnsResponseCode.NameError, Rcode(_zone.Answer("ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
        Assert.Equal(DnsResponseCode.NameError, Rcode(_zone.Answer("web.ns.svc.cluster.local", DnsRecordType.A, 1, 0)));
    }

    [Fact]
    public void NamesOutsideTheZones_AreNotAnswered()
    {
        Assert.Null(_zone.Answer("example.com", DnsRecordType.A, 1, 0));
        Assert.Null(_zone.Answer("1.0.0.127.in-addr.arpa", DnsRecordType.PTR, 1, 0));
        Assert.NotNull(_zone.Answer("1.0.43.10.in-addr.arpa", DnsRecordType.PTR, 1, 0));
    }

    [Fact]
    public void Cache_StaysWithinItsCapacity()
    {
        for (var i = 0; i < 1000; i++)
        {
            _zone.Answer($"missing-{i}.svc.cluster.local", DnsRecordType.A, 1, 0);
        }
        Assert.InRange(_cache.Count, 1, 100);
    }

    private static int Rcode(CachedResponse? response) => response!.Message[3] & 0xF;
}
