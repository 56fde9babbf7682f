using System.Net;
using Prometheus;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Metrics;

/// <summary>
/// The server's Prometheus metrics, named and labelled as CoreDNS's (zone "." as in the usual Corefile's one server
/// block). Label children are resolved once and kept, so counting on the hot path allocates nothing.
/// </summary>
public sealed class DnsMetrics
{
    private const string Zone = ".";
    private readonly Counter _requests;
    private readonly Counter _responses;
    private readonly Histogram _duration;
    private readonly Counter _forwards;
    private readonly Counter _hits;
    private readonly Counter _misses;
    private Counter.Child? _cacheSuccess;
    private Counter.Child? _cacheDenial;
    private Counter.Child? _cacheMisses;
    private Counter.Child[] _requestChildren;
    private Counter.Child[] _responseChildren;
    private Histogram.Child[] _durationChildren;
    private string _server;

    /// <summary>Metrics registered in <paramref name="registry"/> (a fresh one when null), for the server listening on <paramref name="port"/>.</summary>
    public DnsMetrics(CollectorRegistry? registry = null, int port = 53)
    {
        Registry = registry ?? Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _server = "dns://:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _requests = factory.CreateCounter("coredns_dns_requests_total", "Counter of DNS requests made per zone, protocol and family.",
            "server", "zone", "proto", "family", "type");
        _responses = factory.CreateCounter("coredns_dns_responses_total", "Counter of response status codes.", "server", "zone", "rcode");
        _duration = factory.CreateHistogram("coredns_dns_request_duration_seconds", "Histogram of the time (in seconds) each request took per zone.",
            new HistogramConfiguration
            {
                LabelNames = ["server", "zone", "type"],
                Buckets = Histogram.ExponentialBuckets(0.00025, 2, 16),
            });
        _hits = factory.CreateCounter("coredns_cache_hits_total", "The count of cache hits.", "server", "type", "zones");
        _misses = factory.CreateCounter("coredns_cache_misses_total", "The count of cache misses.", "server", "zones");
        _forwards = factory.CreateCounter("coredns_forward_requests_total", "Counter of requests made per upstream.", "to");
        _requestChildren = new Counter.Child[2 * 2 * TypeSlots];
        _responseChildren = new Counter.Child[32];
        _durationChildren = new Histogram.Child[TypeSlots];
    }

    /// <summary>
    /// Labels what follows with the port the server actually listens on (when it was asked for port 0). Called
    /// before the port is known to anyone, so no query is counted under the old label.
    /// </summary>
    internal void ServeOn(int port)
    {
        _server = "dns://:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _requestChildren = new Counter.Child[_requestChildren.Length];
        _responseChildren = new Counter.Child[_responseChildren.Length];
        _durationChildren = new Histogram.Child[_durationChildren.Length];
        _cacheSuccess = _cacheDenial = _cacheMisses = null;
    }

    /// <summary>The registry to serve at <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    private static int TypeSlots => 14;

    /// <summary>Counts a request by transport, address family and query type.</summary>
    public void Request(bool tcp, bool ipv6, ushort type)
    {
        var slot = ((tcp ? 2 : 0) + (ipv6 ? 1 : 0)) * TypeSlots + TypeSlot(type);
        var child = _requestChildren[slot] ??= _requests.WithLabels(_server, Zone, tcp ? "tcp" : "udp", ipv6 ? "2" : "1", DnsRecordType.MetricName(type));
        child.Inc();
    }

    /// <summary>Counts a response by rcode and observes how long the request took.</summary>
    public void Response(int rcode, ushort type, double seconds)
    {
        var child = _responseChildren[rcode & 31] ??= _responses.WithLabels(_server, Zone, DnsResponseCode.MetricName(rcode & 31));
        child.Inc();
        var duration = _durationChildren[TypeSlot(type)] ??= _duration.WithLabels(_server, Zone, DnsRecordType.MetricName(type));
        duration.Observe(seconds);
    }

    /// <summary>Counts a cache hit (success or denial).</summary>
    public void CacheHit(bool denial) =>
        (denial ? _cacheDenial ??= _hits.WithLabels(_server, "denial", Zone) : _cacheSuccess ??= _hits.WithLabels(_server, "success", Zone)).Inc();

    /// <summary>Counts a cache miss.</summary>
    public void CacheMiss() => (_cacheMisses ??= _misses.WithLabels(_server, Zone)).Inc();

    /// <summary>Counts a question sent to <paramref name="upstream"/>.</summary>
    public void ForwardRequest(IPEndPoint upstream) => _forwards.WithLabels(upstream.ToString()).Inc();

    private static int TypeSlot(ushort type) => type switch
    {
        DnsRecordType.A => 0,
        DnsRecordType.NS => 1,
        DnsRecordType.CNAME => 2,
        DnsRecordType.SOA => 3,
        DnsRecordType.PTR => 4,
        DnsRecordType.MX => 5,
        DnsRecordType.TXT => 6,
        DnsRecordType.AAAA => 7,
        DnsRecordType.SRV => 8,
        DnsRecordType.IXFR => 9,
        DnsRecordType.AXFR => 10,
        DnsRecordType.ANY => 11,
        _ => 12,
    };
}
