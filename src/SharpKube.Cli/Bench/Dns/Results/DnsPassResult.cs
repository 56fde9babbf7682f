using SharpKube.Cli.Bench.Dns.Dnsperf;

namespace SharpKube.Cli.Bench.Dns.Results;

/// <summary>One dnsperf pass against one server.</summary>
/// <param name="Pass">"cached" (A queries of the sample names, as fast as answered), "latency" (the same at a fixed rate, every query timed) or "mixed" (A, SRV and NXDOMAIN).</param>
/// <param name="MaxQps">The pass's rate limit, or null when dnsperf sent as fast as answers came.</param>
/// <param name="Statistics">dnsperf's statistics.</param>
/// <param name="Latency">Every answered query's latency, for the fixed-rate pass.</param>
/// <param name="Server">The server process's CPU over the pass and its memory at the end.</param>
internal sealed record DnsPassResult(string Pass, int? MaxQps, DnsperfStatistics Statistics, LatencySummary? Latency, ProcessUsage Server);
