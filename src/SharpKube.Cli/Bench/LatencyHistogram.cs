using System.Diagnostics;
using System.Numerics;

namespace SharpKube.Cli.Bench;

/// <summary>
/// A log-linear histogram of durations in <see cref="Stopwatch"/> ticks: exact below 128 ticks, then 64 linear
/// sub-buckets per power of two, so a percentile read back is within 1/128 (under 0.8%) of the recorded value.
/// One instance per recording task — it is not thread-safe — and merged once at the end, so recording is a few
/// arithmetic instructions and an increment, with no allocation and no sharing between cores.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private const int SubBucketBits = 6;

    // Values up to 2^63 need 57 doublings past the linear range.
    private const int BucketCount = LinearLimit + (57 * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    /// <summary>The number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>The largest recorded value, in ticks (exact).</summary>
    public long Max => _max;

    /// <summary>The smallest recorded value, in ticks (exact), or 0 when empty.</summary>
    public long Min => Count == 0 ? 0 : _min;

    /// <summary>The mean of the recorded values, in ticks.</summary>
    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>Records one duration; negative values count as zero.</summary>
    public void Record(long ticks)
    {
        if (ticks < 0)
        {
            ticks = 0;
        }

        _counts[IndexOf(ticks)]++;
        Count++;
        _sum += ticks;
        if (ticks > _max)
        {
            _max = ticks;
        }

        if (ticks < _min)
        {
            _min = ticks;
        }
    }

    /// <summary>Records the time from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/>.</summary>
    public void RecordBetween(long startTimestamp, long endTimestamp) => Record(endTimestamp - startTimestamp);

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _sum += other._sum;
        _max = Math.Max(_max, other._max);
        _min = Math.Min(_min, other._min);
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1], in ticks: the midpoint of the bucket holding the
    /// ceil(q × count)-th smallest value, clamped to the exact min and max; the exact max for the largest rank.
    /// </summary>
    public long ValueAt(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        if (rank >= Count)
        {
            return _max;
        }

        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(Midpoint(i), Min, _max);
            }
        }

        return _max;
    }

    /// <summary>Converts ticks to milliseconds.</summary>
    public static double ToMilliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        // Keep the top 7 bits: the leading 1 picks the power of two, the next 6 the sub-bucket.
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - SubBucketBits;
        var top = (int)(value >> shift);
        return LinearLimit + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    private static long Midpoint(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var top = (long)((index - LinearLimit) % SubBuckets) + SubBuckets;
        return (top << shift) + ((1L << shift) / 2);
    }
}
