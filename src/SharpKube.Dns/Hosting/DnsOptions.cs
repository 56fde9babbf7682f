using System.Net;

namespace SharpKube.Dns.Hosting;

/// <summary>How the cluster DNS runs: where it listens, what it serves, where it forwards, and its kube-dns registration.</summary>
public sealed class DnsOptions
{
    /// <summary>The addresses DNS is served on (UDP and TCP on each).</summary>
    public IReadOnlyList<IPAddress> ListenAddresses { get; init; } = [IPAddress.Any];

    /// <summary>The DNS port (0 picks a free one, the same for UDP and TCP).</summary>
    public int Port { get; init; } = 53;

    /// <summary>The cluster domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The networks whose reverse zones are answered locally: the service and cluster (pod) CIDRs.</summary>
    public IReadOnlyList<IPNetwork> ReverseNetworks { get; init; } = [IPNetwork.Parse("10.43.0.0/16"), IPNetwork.Parse("10.42.0.0/16")];

    /// <summary>The upstream resolvers; null reads the nameservers of <see cref="ResolvConfPath"/>.</summary>
    public IReadOnlyList<IPEndPoint>? Upstreams { get; init; }

    /// <summary>The resolv.conf read when <see cref="Upstreams"/> is null.</summary>
    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>The TTL of the zone's records (CoreDNS's kubernetes plugin's default).</summary>
    public uint Ttl { get; init; } = 5;

    /// <summary>The most names the response cache holds.</summary>
    public int CacheSize { get; init; } = 10_000;

    /// <summary>How many threads receive UDP queries on each address.</summary>
    public int UdpWorkers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>The most TCP connections open at once per address.</summary>
    public int MaxTcpConnections { get; init; } = 1000;

    /// <summary>How long an idle TCP connection is kept.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most questions waiting on upstreams at once; more are answered SERVFAIL.</summary>
    public int MaxForwardsInFlight { get; init; } = 1000;

    /// <summary>The address the HTTP endpoints (metrics, health, ready) listen on.</summary>
    public IPAddress HttpAddress { get; init; } = IPAddress.Any;

    /// <summary>The port of <c>/metrics</c>; null is off, 0 picks a free one.</summary>
    public int? MetricsPort { get; init; } = 9153;

    /// <summary>The port of <c>/health</c>; null is off, 0 picks a free one.</summary>
    public int? HealthPort { get; init; } = 8080;

    /// <summary>The port of <c>/ready</c> (200 once the informers synced); null is off, 0 picks a free one.</summary>
    public int? ReadyPort { get; init; } = 8181;

    /// <summary>Whether to keep the <c>kube-system/kube-dns</c> Service and this node's EndpointSlice for it.</summary>
    public bool RegisterService { get; init; }

    /// <summary>The node this server runs on (names the EndpointSlice).</summary>
    public string? NodeName { get; init; }

    /// <summary>The node address the server is reached at (the EndpointSlice's endpoint).</summary>
    public IPAddress? NodeIp { get; init; }

    /// <summary>The cluster IP of the kube-dns Service.</summary>
    public IPAddress ClusterDnsIp { get; init; } = IPAddress.Parse("10.43.0.10");
}
