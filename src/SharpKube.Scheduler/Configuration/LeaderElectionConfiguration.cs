namespace SharpKube.Scheduler.Configuration;

/// <summary>The file's <c>leaderElection</c>, with upstream's defaults.</summary>
public sealed record LeaderElectionConfiguration
{
    /// <summary>Whether to take part in leader election.</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>The Lease's name.</summary>
    public string ResourceName { get; init; } = "kube-scheduler";

    /// <summary>The Lease's namespace.</summary>
    public string ResourceNamespace { get; init; } = "kube-system";

    /// <summary>How long a Lease holds.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a leader keeps trying to renew.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates retry.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
