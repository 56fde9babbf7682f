namespace SharpKube.Cli.Bench;

/// <summary>A latency distribution in milliseconds.</summary>
/// <param name="Count">How many values were recorded.</param>
/// <param name="MeanMs">The mean.</param>
/// <param name="P50Ms">The median.</param>
/// <param name="P90Ms">The 90th percentile.</param>
/// <param name="P99Ms">The 99th percentile.</param>
/// <param name="P999Ms">The 99.9th percentile.</param>
/// <param name="MaxMs">The largest value (exact).</param>
internal sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>Summarises a histogram of <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public static LatencySummary From(LatencyHistogram histogram) => new(
        histogram.Count,
        Milliseconds(histogram.Mean),
        Milliseconds(histogram.ValueAt(0.50)),
        Milliseconds(histogram.ValueAt(0.90)),
        Milliseconds(histogram.ValueAt(0.99)),
        Milliseconds(histogram.ValueAt(0.999)),
        Milliseconds(histogram.Max));

    /// <summary>Ticks as milliseconds, rounded to the nanosecond.</summary>
    public static double Milliseconds(double ticks) => Math.Round(LatencyHistogram.ToMilliseconds(ticks), 6);
}
