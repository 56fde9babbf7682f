namespace SharpKube.Cli.Bench.Scheduler.Results;

/// <summary>Scheduling-attempt latency of the successful attempts over the measured phase, from the scheduler's own histogram.</summary>
/// <param name="Attempts">How many successful attempts.</param>
/// <param name="MeanMs">Their mean, in milliseconds.</param>
/// <param name="P50Ms">Median (interpolated within the histogram's buckets).</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
internal sealed record AttemptLatency(long Attempts, double MeanMs, double P50Ms, double P90Ms, double P99Ms);
