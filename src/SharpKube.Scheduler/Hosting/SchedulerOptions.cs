using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Metrics;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Hosting;

/// <summary>The scheduler's settings, with upstream's defaults.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Whether to take part in leader election over the <c>kube-system/kube-scheduler</c> Lease.</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>This instance's identity in leader election and events.</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The Lease leader election uses (upstream <c>leaderElection.resourceName</c>).</summary>
    public string LeaseName { get; init; } = KubeScheduler.LeaseName;

    /// <summary>The Lease's namespace (upstream <c>leaderElection.resourceNamespace</c>).</summary>
    public string LeaseNamespace { get; init; } = "kube-system";

    /// <summary>The Lease's duration (upstream: 15 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a leader keeps trying to renew before it gives up (upstream: 10 s).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates retry (upstream: 2 s).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether stopping releases the Lease so another instance takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>The profiles; null: upstream's default profile as <c>default-scheduler</c>.</summary>
    public IReadOnlyList<SchedulerProfile>? Profiles { get; init; }

    /// <summary>The plugins profiles can use; null: the in-tree ones.</summary>
    public PluginRegistry? Registry { get; init; }

    /// <summary>The percentage of nodes to find feasible before scoring, for profiles that set none; 0: adaptive (upstream's default).</summary>
    public int PercentageOfNodesToScore { get; init; }

    /// <summary>
    /// How many threads filter and score nodes at most (upstream <c>parallelism</c>: 16). The default leaves one
    /// processor to the rest of the process (informers, bindings, an API server alongside): on 2 processors the work
    /// stays on the scheduling thread, which measured twice as fast as splitting it there.
    /// </summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount - 1, 1, Parallelizer.DefaultParallelism);

    /// <summary>The queue's backoff and unschedulable-pool timing.</summary>
    public SchedulingQueueOptions Queue { get; init; } = new();

    /// <summary>How long an assumed pod whose binding finished may stay unconfirmed; zero (upstream's default): for ever.</summary>
    public TimeSpan AssumedPodTtl { get; init; }

    /// <summary>The metrics to record into; null: a registry of the scheduler's own.</summary>
    public SchedulerMetrics? Metrics { get; init; }

    /// <summary>Seeds the choice among equally good nodes (null: random), for reproducible tests and benchmarks.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
