using System.Globalization;

namespace SharpKube.Cli.Bench.Scheduler.Phases;

/// <summary>
/// The scheduler's <c>scheduler_scheduling_attempt_duration_seconds</c> histogram for successful attempts
/// (<c>result="scheduled"</c>, every profile summed), read from its Prometheus text; two readings subtract to the
/// attempts in between, whose quantiles are interpolated within buckets as Prometheus's <c>histogram_quantile</c> does.
/// </summary>
internal sealed class AttemptDurationHistogram
{
    private const string Metric = "scheduler_scheduling_attempt_duration_seconds";

    private AttemptDurationHistogram(SortedDictionary<double, double> buckets, double count, double sum)
    {
        Buckets = buckets;
        Count = count;
        Sum = sum;
    }

    /// <summary>Cumulative counts by upper bound (+Inf included).</summary>
    public SortedDictionary<double, double> Buckets { get; }

    /// <summary>How many attempts.</summary>
    public double Count { get; }

    /// <summary>Their total seconds.</summary>
    public double Sum { get; }

    /// <summary>Reads the histogram from the scheduler's metrics at <paramref name="url"/>.</summary>
    public static async Task<AttemptDurationHistogram> ReadAsync(HttpClient http, Uri url, CancellationToken cancellationToken) =>
        Parse(await http.GetStringAsync(url, cancellationToken));

    /// <summary>Reads the histogram from Prometheus text.</summary>
    public static AttemptDurationHistogram Parse(string text)
    {
        var buckets = new SortedDictionary<double, double>();
        double count = 0, sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Metric, StringComparison.Ordinal) || !line.Contains("result=\"scheduled\"", StringComparison.Ordinal))
            {
                continue;
            }

            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            var suffix = line[Metric.Length..line.IndexOf('{', StringComparison.Ordinal)];
            switch (suffix)
            {
                case "_bucket":
                    var le = Label(line, "le");
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                    buckets[bound] = buckets.GetValueOrDefault(bound) + value;
                    break;
                case "_count":
                    count += value;
                    break;
                case "_sum":
                    sum += value;
                    break;
            }
        }

        return new AttemptDurationHistogram(buckets, count, sum);
    }

    /// <summary>The attempts recorded since <paramref name="earlier"/>.</summary>
    public AttemptDurationHistogram Since(AttemptDurationHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var buckets = new SortedDictionary<double, double>();
        foreach (var (bound, value) in Buckets)
        {
            buckets[bound] = value - earlier.Buckets.GetValueOrDefault(bound);
        }

        return new AttemptDurationHistogram(buckets, Count - earlier.Count, Sum - earlier.Sum);
    }

    /// <summary>The <paramref name="q"/>-quantile in seconds (0 when there were no attempts).</summary>
    public double Quantile(double q)
    {
        if (Count <= 0)
        {
            return 0;
        }

        var rank = q * Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (bound, cumulative) in Buckets)
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }

                var inBucket = cumulative - lowerCount;
                return inBucket <= 0 ? bound : lowerBound + ((bound - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = bound;
            lowerCount = cumulative;
        }

        return lowerBound;
    }

    private static string Label(string line, string name)
    {
        // Preceded by "{" or ",", so that "le" does not match the end of "profile".
        var at = line.IndexOf("," + name + "=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            at = line.IndexOf("{" + name + "=\"", StringComparison.Ordinal);
        }

        var start = at + name.Length + 3;
        return line[start..line.IndexOf('"', start)];
    }
}
