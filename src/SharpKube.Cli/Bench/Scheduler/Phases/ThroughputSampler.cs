using System.Diagnostics;

namespace SharpKube.Cli.Bench.Scheduler.Phases;

/// <summary>
/// Samples, once a second, how many of the measured pods were scheduled in that second — as scheduler_perf's
/// throughput collector does: samples start with the first second in which a measured pod was scheduled and end when
/// the last one is. Only whole seconds are samples: the pods of a last, shorter interval count in the overall rate
/// only (scaled up, a few pods in a few milliseconds would read as thousands a second).
/// </summary>
internal sealed class ThroughputSampler
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<int> _scheduled;
    private readonly int _target;
    private readonly List<double> _samples = [];

    public ThroughputSampler(Func<int> scheduled, int target)
    {
        _scheduled = scheduled;
        _target = target;
    }

    /// <summary>Pods per second, one sample a second.</summary>
    public IReadOnlyList<double> Samples => _samples;

    /// <summary>Seconds from the first sample's start to the last pod's scheduling, to the sampling resolution.</summary>
    public double SampledSeconds { get; private set; }

    /// <summary>Samples until every measured pod is scheduled or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = _scheduled();
        var lastAt = Stopwatch.GetTimestamp();
        var started = false;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (last < _target && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = _scheduled();
            var elapsed = Stopwatch.GetElapsedTime(lastAt);
            if (!started)
            {
                if (now == last)
                {
                    lastAt = Stopwatch.GetTimestamp();
                    continue;
                }

                // The first pod is scheduled: the first interval starts here.
                started = true;
                lastAt = Stopwatch.GetTimestamp();
                continue;
            }

            if (elapsed >= Interval || now >= _target)
            {
                if (elapsed >= Interval || _samples.Count == 0)
                {
                    _samples.Add((now - last) / elapsed.TotalSeconds);
                }

                SampledSeconds += elapsed.TotalSeconds;
                last = now;
                lastAt = Stopwatch.GetTimestamp();
            }
        }
    }
}
