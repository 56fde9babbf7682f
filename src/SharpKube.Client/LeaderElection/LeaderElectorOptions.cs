namespace SharpKube.Client.LeaderElection;

/// <summary>
/// Which Lease to hold, under what identity, with what timing, and what to run while leading. The timing defaults
/// are upstream's (15 s lease, 10 s renew deadline, 2 s retry period).
/// </summary>
public sealed record LeaderElectorOptions
{
    /// <summary>Namespace of the Lease.</summary>
    public string LeaseNamespace { get; init; } = "kube-system";

    /// <summary>Name of the Lease, e.g. <c>kube-controller-manager</c>.</summary>
    public required string LeaseName { get; init; }

    /// <summary>This candidate's identity, unique among the candidates (upstream: hostname plus a random suffix).</summary>
    public required string Identity { get; init; }

    /// <summary>How long other candidates wait after the last observed renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire, and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Release the Lease (clear its holder) when stopped by cancellation, so another candidate takes over at once.
    /// Only safe when the leading work has stopped by then — <see cref="LeaderElector.RunAsync"/> waits for it.
    /// </summary>
    public bool ReleaseOnCancel { get; init; }

    /// <summary>Runs when leadership is acquired; its token is cancelled when leadership ends.</summary>
    public required Func<CancellationToken, Task> OnStartedLeading { get; init; }

    /// <summary>Runs when leadership ends (lost, or stopped), after the leading work finished.</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>Runs when the observed leader changes, with its identity (empty when the Lease was released).</summary>
    public Action<string>? OnNewLeader { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
