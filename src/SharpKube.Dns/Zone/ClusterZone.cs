using SharpKube.Dns.Caching;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Zone;

/// <summary>
/// The names the server is authoritative for: the cluster domain and the reverse zones of the service and pod
/// networks (plus PTR names of known addresses elsewhere). Answers a question from the <see cref="ZoneIndex"/>,
/// caches the answer, and drops cached answers of names a change touches — both under one lock, so a cached
/// answer is never older than the zone.
/// </summary>
internal sealed class ClusterZone
{
    private readonly Lock _lock = new();
    private readonly ZoneIndex _index;
    private readonly ResponseCache _cache;
    private readonly string[] _reverseZones;
    private readonly uint _ttl;
    private readonly uint _serial = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A zone for <paramref name="domain"/> (e.g. cluster.local) and the given reverse zones.</summary>
    public ClusterZone(string domain, IEnumerable<string> reverseZones, uint ttl, ResponseCache cache)
    {
        Domain = domain.TrimEnd('.').ToLowerInvariant();
        _reverseZones = [.. reverseZones.Select(z => z.TrimEnd('.').ToLowerInvariant())];
        _ttl = ttl;
        _cache = cache;
        _index = new ZoneIndex(IsApex);
        Replace("zone", new Dictionary<string, ResourceRecord[]>
        {
            ["svc." + Domain] = [],
            ["pod." + Domain] = [],
            // The version of the Kubernetes DNS specification served.
            ["dns-version." + Domain] = [new ResourceRecord("dns-version." + Domain, DnsRecordType.TXT, ttl, RecordData.Txt("1.1.0"))],
        });
    }

    /// <summary>The cluster domain, lower-case without the trailing dot.</summary>
    public string Domain { get; }

    /// <summary>The TTL of the zone's records.</summary>
    public uint Ttl => _ttl;

    /// <summary>How many sources (Services, namespaces) give names.</summary>
    public int SourceCount
    {
        get
        {
            lock (_lock)
            {
                return _index.SourceCount;
            }
        }
    }

    /// <summary>Replaces the names <paramref name="source"/> gives (null: none) and drops the answers that changes.</summary>
    public void Replace(string source, IReadOnlyDictionary<string, ResourceRecord[]>? names)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            _index.Replace(source, names, changed);
            foreach (var name in changed)
            {
                _cache.Invalidate(name);
            }
        }
    }

    /// <summary>
    /// The response (ID zero) to the question when the zone is authoritative for <paramref name="name"/>, stored in
    /// the cache; null when the name is someone else's (to forward).
    /// </summary>
    public CachedResponse? Answer(string name, ushort type, ushort questionClass, int ednsFlags)
    {
        lock (_lock)
        {
            var apex = ApexOf(name);
            var entry = _index.Find(name);
            if (apex is null && (entry is null || !entry.Given))
            {
                return null;
            }
            apex ??= name;
            var response = Build(name, apex, entry, type, questionClass, ednsFlags);
            _cache.Store(name, response);
            return response;
        }
    }

    private CachedResponse Build(string name, string apex, NameEntry? entry, ushort type, ushort questionClass, int ednsFlags)
    {
        var answers = new List<ResourceRecord>();
        var additional = new List<ResourceRecord>();
        var exists = entry is not null;
        if (name == apex)
        {
            exists = true;
            if (type is DnsRecordType.SOA or DnsRecordType.ANY)
            {
                answers.Add(Soa(apex));
            }
            if (type is DnsRecordType.NS or DnsRecordType.ANY)
            {
                answers.Add(new ResourceRecord(apex, DnsRecordType.NS, _ttl, RecordData.Name("ns.dns." + Domain)));
            }
        }
        if (entry is not null)
        {
            var records = entry.Records.ToList();
            var cnames = records.Where(r => r.Type == DnsRecordType.CNAME).ToList();
            answers.AddRange(cnames.Count > 0 && type != DnsRecordType.CNAME ? cnames
                : records.Where(r => r.Type == type || type == DnsRecordType.ANY));
        }
        else if (PodAddress.TryParse(name, Domain, out var address))
        {
            exists = true;
            var wanted = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA;
            if (type == wanted || type == DnsRecordType.ANY)
            {
                answers.Add(new ResourceRecord(name, wanted, _ttl, RecordData.Address(address)));
            }
        }
        foreach (var target in answers.Where(a => a.Target is not null).Select(a => a.Target!).Distinct(StringComparer.Ordinal))
        {
            additional.AddRange(_index.Find(target)?.Records.Where(r => r.Type is DnsRecordType.A or DnsRecordType.AAAA) ?? []);
        }
        var rcode = exists ? DnsResponseCode.NoError : DnsResponseCode.NameError;
        // QR, AA, RA; RD is the query's, patched in when served.
        var writer = new DnsMessageWriter(0, (ushort)(0x8400 | 0x0080 | rcode));
        writer.Question(name, type, questionClass);
        foreach (var answer in answers)
        {
            writer.Answer(answer);
        }
        if (answers.Count == 0)
        {
            // RFC 2308 §3: the SOA tells resolvers how long to cache the denial.
            writer.Authority(Soa(apex));
        }
        foreach (var record in additional)
        {
            writer.Additional(record);
        }
        if ((ednsFlags & 1) != 0)
        {
            writer.Opt(DnsQueryParser.MaxUdpPayload, (ednsFlags & 2) != 0, 0);
        }
        return new CachedResponse(type, questionClass, ednsFlags, writer.ToArray(), denial: answers.Count == 0);
    }

    private ResourceRecord Soa(string apex) =>
        new(apex, DnsRecordType.SOA, _ttl, RecordData.Soa("ns.dns." + Domain, "hostmaster." + Domain, _serial, 7200, 1800, 86400, _ttl));

    private bool IsApex(string name) => name == Domain || Array.IndexOf(_reverseZones, name) >= 0;

    private string? ApexOf(string name)
    {
        if (IsUnder(name, Domain))
        {
            return Domain;
        }
        foreach (var zone in _reverseZones)
        {
            if (IsUnder(name, zone))
            {
                return zone;
            }
        }
        return null;
    }

    private static bool IsUnder(string name, string zone) =>
        name == zone || (name.Length > zone.Length && name.EndsWith(zone, StringComparison.Ordinal) && name[^(zone.Length + 1)] == '.');
}
