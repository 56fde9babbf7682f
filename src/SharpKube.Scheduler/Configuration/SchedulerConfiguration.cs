using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Hosting;

namespace SharpKube.Scheduler.Configuration;

/// <summary>
/// A <c>KubeSchedulerConfiguration</c> (<c>kubescheduler.config.k8s.io/v1</c>) with upstream's defaults filled in:
/// the profiles, the queue's backoff, how widely to search for nodes, leader election and the client connection.
/// </summary>
public sealed record SchedulerConfiguration
{
    /// <summary>The API version the file must declare.</summary>
    public const string ApiVersion = "kubescheduler.config.k8s.io/v1";

    /// <summary>The kind the file must declare.</summary>
    public const string Kind = "KubeSchedulerConfiguration";

    /// <summary>The profiles, each with upstream's default plugins merged with the file's.</summary>
    public required IReadOnlyList<SchedulerProfile> Profiles { get; init; }

    /// <summary>The percentage of nodes to find feasible before scoring, for profiles that set none; 0: adaptive.</summary>
    public int PercentageOfNodesToScore { get; init; }

    /// <summary>The first backoff of a pod that failed (upstream: 1 s).</summary>
    public int PodInitialBackoffSeconds { get; init; } = 1;

    /// <summary>The longest backoff (upstream: 10 s).</summary>
    public int PodMaxBackoffSeconds { get; init; } = 10;

    /// <summary>How many threads filter and score nodes; null: SharpKube's default (processors − 1, at most 16).</summary>
    public int? Parallelism { get; init; }

    /// <summary>Leader election.</summary>
    public LeaderElectionConfiguration LeaderElection { get; init; } = new();

    /// <summary>How to reach the API server.</summary>
    public ClientConnectionConfiguration ClientConnection { get; init; } = new();

    /// <summary><paramref name="options"/> with this configuration's settings.</summary>
    public SchedulerOptions ApplyTo(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Profiles = Profiles,
            PercentageOfNodesToScore = PercentageOfNodesToScore,
            Parallelism = Parallelism ?? options.Parallelism,
            Queue = options.Queue with
            {
                PodInitialBackoff = TimeSpan.FromSeconds(PodInitialBackoffSeconds),
                PodMaxBackoff = TimeSpan.FromSeconds(PodMaxBackoffSeconds),
            },
            LeaderElect = LeaderElection.LeaderElect,
            LeaseName = LeaderElection.ResourceName,
            LeaseNamespace = LeaderElection.ResourceNamespace,
            LeaseDuration = LeaderElection.LeaseDuration,
            RenewDeadline = LeaderElection.RenewDeadline,
            RetryPeriod = LeaderElection.RetryPeriod,
        };
    }
}
