namespace SharpKube.Cli.Bench.Dns.Dnsperf;

/// <summary>One dnsperf run against one server.</summary>
/// <param name="Statistics">dnsperf's own statistics.</param>
/// <param name="Latency">Every answered query's latency, when the run printed them (<c>-v</c>).</param>
/// <param name="MaxQps">The rate limit of the run (<c>-Q</c>), or null when it sent as fast as answers came.</param>
internal sealed record DnsperfPass(DnsperfStatistics Statistics, LatencySummary? Latency, int? MaxQps);
