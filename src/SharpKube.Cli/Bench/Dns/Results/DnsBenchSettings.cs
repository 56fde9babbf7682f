namespace SharpKube.Cli.Bench.Dns.Results;

/// <summary>What the run measured with.</summary>
/// <param name="Services">Services in the zone.</param>
/// <param name="HeadlessServices">Of them headless, with one EndpointSlice each.</param>
/// <param name="Namespaces">The namespaces they are spread over.</param>
/// <param name="ClusterDomain">The zone.</param>
/// <param name="SampleNames">Distinct names in the cached pass's query file, spread over every Service.</param>
/// <param name="MixedQueries">Lines in the mixed pass's query file.</param>
/// <param name="DurationSeconds">Each pass's length.</param>
/// <param name="WarmUpSeconds">The unreported pass before the measured ones, per server.</param>
/// <param name="Clients">dnsperf <c>-c</c>.</param>
/// <param name="Threads">dnsperf <c>-T</c>.</param>
/// <param name="Outstanding">dnsperf <c>-q</c>.</param>
/// <param name="LatencyQps">The latency pass's fixed rate (<c>-Q</c>).</param>
/// <param name="Dnsperf">The dnsperf version line.</param>
internal sealed record DnsBenchSettings(
    int Services,
    int HeadlessServices,
    int Namespaces,
    string ClusterDomain,
    int SampleNames,
    int MixedQueries,
    double DurationSeconds,
    double WarmUpSeconds,
    int Clients,
    int Threads,
    int Outstanding,
    int LatencyQps,
    string Dnsperf);
