namespace SharpKube.Scheduler.Queue;

/// <summary>The scheduling queue's timing, with upstream's defaults.</summary>
public sealed record SchedulingQueueOptions
{
    /// <summary>The backoff after a pod's first failed attempt, doubled per further attempt (upstream <c>podInitialBackoffSeconds</c>: 1).</summary>
    public TimeSpan PodInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff (upstream <c>podMaxBackoffSeconds</c>: 10).</summary>
    public TimeSpan PodMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod may wait in the unschedulable pool before it is retried anyway (upstream: 5 minutes).</summary>
    public TimeSpan PodMaxInUnschedulablePodsDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the unschedulable pool is checked for pods past that time (upstream: 30 s).</summary>
    public TimeSpan UnschedulableFlushInterval { get; init; } = TimeSpan.FromSeconds(30);
}
