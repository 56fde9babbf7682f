namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>The node lifecycle controller's settings, with upstream's defaults.</summary>
public sealed record NodeLifecycleOptions
{
    /// <summary>How often node health is checked (upstream's <c>--node-monitor-period</c>: 5 s).</summary>
    public TimeSpan MonitorPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node that never posted a Ready condition may stay silent before it is marked Unknown (upstream: 60 s).</summary>
    public TimeSpan StartupGracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Nodes per second, per zone, that get the <c>NoExecute</c> taint in a healthy zone (upstream's <c>--node-eviction-rate</c>: 0.1).</summary>
    public double EvictionRate { get; init; } = 0.1;

    /// <summary>Nodes per second, per zone, in a partially disrupted zone of a large cluster (upstream's <c>--secondary-node-eviction-rate</c>: 0.01).</summary>
    public double SecondaryEvictionRate { get; init; } = 0.01;

    /// <summary>Zones with at most this many nodes stop tainting when partially disrupted (upstream's <c>--large-cluster-size-threshold</c>: 50).</summary>
    public int LargeClusterSizeThreshold { get; init; } = 50;

    /// <summary>The share of not-ready nodes (more than two) that makes a zone partially disrupted (upstream's <c>--unhealthy-zone-threshold</c>: 0.55).</summary>
    public double UnhealthyZoneThreshold { get; init; } = 0.55;
}
