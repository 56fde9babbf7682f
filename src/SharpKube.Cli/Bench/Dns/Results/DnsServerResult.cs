namespace SharpKube.Cli.Bench.Dns.Results;

/// <summary>What one server did.</summary>
/// <param name="Server">"sharpkube dns" or the peer's name.</param>
/// <param name="Description">The process, in words.</param>
/// <param name="ReadySeconds">For the cluster DNS: seconds from its start until <c>/ready</c> (every Service and EndpointSlice listed).</param>
/// <param name="RssAfterStartBytes">VmRSS once it answered the zone, before any load.</param>
/// <param name="RssEndBytes">VmRSS after every pass.</param>
/// <param name="PeakRssBytes">VmHWM after every pass.</param>
/// <param name="Passes">The dnsperf passes, in order.</param>
internal sealed record DnsServerResult(
    string Server,
    string Description,
    double? ReadySeconds,
    long? RssAfterStartBytes,
    long? RssEndBytes,
    long? PeakRssBytes,
    IReadOnlyList<DnsPassResult> Passes);
