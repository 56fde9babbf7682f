using Prometheus;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Metrics;

/// <summary>
/// The scheduler's Prometheus metrics under upstream's names: <c>scheduler_schedule_attempts_total</c> and
/// <c>scheduler_scheduling_attempt_duration_seconds</c> by result (scheduled, unschedulable, error) and profile, and
/// <c>scheduler_pending_pods</c> by queue (active, backoff, unschedulable, gated), read from the queue when scraped.
/// One registry per scheduler instance.
/// </summary>
public sealed class SchedulerMetrics
{
    /// <summary>A scheduled pod.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>A pod that fit no node.</summary>
    public const string Unschedulable = "unschedulable";

    /// <summary>An attempt that failed with an error.</summary>
    public const string Error = "error";

    private readonly Counter _attempts;
    private readonly Histogram _durations;
    private readonly Gauge _pending;
    private Func<PendingPods>? _pendingSource;

    /// <summary>Creates the metrics in a new registry.</summary>
    public SchedulerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _attempts = factory.CreateCounter("scheduler_schedule_attempts_total",
            "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.",
            ["result", "profile"]);
        _durations = factory.CreateHistogram("scheduler_scheduling_attempt_duration_seconds",
            "Scheduling attempt latency in seconds (scheduling algorithm + binding)",
            new HistogramConfiguration { LabelNames = ["result", "profile"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });
        _pending = factory.CreateGauge("scheduler_pending_pods",
            "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
            ["queue"]);
        Registry.AddBeforeCollectCallback(UpdatePending);
    }

    /// <summary>The registry to export.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Reads <c>scheduler_pending_pods</c> from <paramref name="source"/> at each scrape.</summary>
    public void TrackPending(Func<PendingPods> source) => _pendingSource = source;

    /// <summary>Records an attempt of <paramref name="profile"/> that ended with <paramref name="result"/> after <paramref name="seconds"/>.</summary>
    public void Attempt(string result, string profile, double seconds)
    {
        _attempts.WithLabels(result, profile).Inc();
        _durations.WithLabels(result, profile).Observe(seconds);
    }

    /// <summary>How many attempts of <paramref name="profile"/> ended with <paramref name="result"/> so far.</summary>
    public double Attempts(string result, string profile) => _attempts.WithLabels(result, profile).Value;

    /// <summary>Writes the text exposition to <paramref name="stream"/>.</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(stream, cancellationToken);

    private void UpdatePending()
    {
        if (_pendingSource is not { } source)
        {
            return;
        }
        var pending = source();
        _pending.WithLabels("active").Set(pending.Active);
        _pending.WithLabels("backoff").Set(pending.Backoff);
        _pending.WithLabels("unschedulable").Set(pending.Unschedulable);
        _pending.WithLabels("gated").Set(pending.Gated);
    }
}
