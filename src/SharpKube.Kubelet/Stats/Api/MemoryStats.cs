namespace SharpKube.Kubelet.Stats.Api;

/// <summary>Memory use of a cgroup or the node.</summary>
public sealed record MemoryStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The limit (or the machine's memory, for the node) minus the working set; absent without a limit.</summary>
    public ulong? AvailableBytes { get; init; }

    /// <summary>All memory charged, page cache included.</summary>
    public ulong? UsageBytes { get; init; }

    /// <summary>Usage minus inactive file pages: what cannot simply be dropped, the figure evictions and autoscaling use.</summary>
    public ulong? WorkingSetBytes { get; init; }

    /// <summary>Anonymous memory (and swap cache).</summary>
    public ulong? RssBytes { get; init; }

    /// <summary>Cumulative page faults.</summary>
    public ulong? PageFaults { get; init; }

    /// <summary>Cumulative major page faults.</summary>
    public ulong? MajorPageFaults { get; init; }
}
