namespace SharpKube.Cli.Bench.Scheduler.Results;

/// <summary>
/// Scheduling throughput of the measured pods, as scheduler_perf reports <c>SchedulingThroughput</c>: the average and
/// percentiles of the per-second samples (pods/s), plus the pods over the whole sampled span.
/// </summary>
/// <param name="Average">The mean of the samples: what upstream's thresholds are compared with.</param>
/// <param name="Perc50">The median sample.</param>
/// <param name="Perc90">The 90th percentile sample.</param>
/// <param name="Perc95">The 95th percentile sample.</param>
/// <param name="Perc99">The 99th percentile sample.</param>
/// <param name="Samples">How many one-second samples.</param>
/// <param name="Overall">Measured pods over the seconds from the first to the last scheduled one.</param>
internal sealed record ThroughputSummary(double Average, double Perc50, double Perc90, double Perc95, double Perc99, int Samples, double Overall)
{
    /// <summary>The summary of <paramref name="samples"/> (pods/s) over <paramref name="seconds"/> for <paramref name="pods"/> pods.</summary>
    public static ThroughputSummary From(IReadOnlyList<double> samples, int pods, double seconds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
        return new ThroughputSummary(
            sorted.Length == 0 ? 0 : Math.Round(sorted.Average(), 1),
            Percentile(0.50),
            Percentile(0.90),
            Percentile(0.95),
            Percentile(0.99),
            sorted.Length,
            seconds > 0 ? Math.Round(pods / seconds, 1) : 0);
    }
}
