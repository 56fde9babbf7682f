namespace SharpKube.Cli.Bench.Dns.Dnsperf;

/// <summary>The "Statistics:" section dnsperf prints at the end of a run.</summary>
/// <param name="QueriesSent">Queries sent.</param>
/// <param name="QueriesCompleted">Queries answered in time.</param>
/// <param name="QueriesLost">Queries without an answer within dnsperf's timeout.</param>
/// <param name="ResponseCodes">Answers per response code (NOERROR, NXDOMAIN, …).</param>
/// <param name="RunSeconds">How long the run took.</param>
/// <param name="QueriesPerSecond">Answered queries per second.</param>
/// <param name="AverageLatencyMs">The mean time from query to answer, in milliseconds.</param>
/// <param name="MinLatencyMs">The shortest.</param>
/// <param name="MaxLatencyMs">The longest.</param>
/// <param name="LatencyStdDevMs">The standard deviation, when dnsperf printed one (not when nothing was answered).</param>
internal sealed record DnsperfStatistics(
    long QueriesSent,
    long QueriesCompleted,
    long QueriesLost,
    IReadOnlyDictionary<string, long> ResponseCodes,
    double RunSeconds,
    double QueriesPerSecond,
    double AverageLatencyMs,
    double MinLatencyMs,
    double MaxLatencyMs,
    double? LatencyStdDevMs)
{
    /// <summary>The share of answers that were NOERROR, 0..1 (0 when nothing was answered).</summary>
    public double NoErrorShare() =>
        QueriesCompleted > 0 && ResponseCodes.TryGetValue("NOERROR", out var ok) ? (double)ok / QueriesCompleted : 0;
}
