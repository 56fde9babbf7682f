namespace SharpKube.Controllers.Manager;

/// <summary>The controller manager's settings, with upstream's defaults.</summary>
public sealed record ControllerManagerOptions
{
    /// <summary>The controllers to run (names from <see cref="ControllerCatalog"/>); null runs all of them.</summary>
    public IReadOnlySet<string>? Controllers { get; init; }

    /// <summary>Whether to take part in leader election over the <c>kube-system/kube-controller-manager</c> Lease.</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>This instance's identity in leader election and events.</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The Lease's duration (upstream: 15 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a leader keeps trying to renew before it gives up (upstream: 10 s).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates retry (upstream: 2 s).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether stopping (cancellation) releases the Lease so another instance takes over at once; without it the
    /// others wait out the lease duration, as after a crash.
    /// </summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>The pod network nodes get their <c>spec.podCIDR</c> from.</summary>
    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>The prefix length of each node's pod CIDR.</summary>
    public int NodeCidrMaskSize { get; init; } = 24;

    /// <summary>How long a node's Lease may go unrenewed before the node is <c>Ready=Unknown</c> (upstream: 40 s).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Workers per controller for the busy controllers (upstream's <c>--concurrent-*-syncs</c>: 5).</summary>
    public int Workers { get; init; } = 5;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
