namespace SharpKube.Kubelet.Stats.Api;

/// <summary>CPU use of a cgroup or the node.</summary>
public sealed record CpuStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Average use over the last sampling window, in billionths of a core; absent until two readings exist.</summary>
    public ulong? UsageNanoCores { get; init; }

    /// <summary>Cumulative CPU time used, in core-nanoseconds.</summary>
    public ulong? UsageCoreNanoSeconds { get; init; }
}
