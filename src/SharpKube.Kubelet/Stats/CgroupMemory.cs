using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>A cgroup's memory figures at one moment, in bytes and counts.</summary>
/// <param name="UsageBytes">All memory charged, page cache included.</param>
/// <param name="WorkingSetBytes">Usage minus inactive file pages, never below zero.</param>
/// <param name="RssBytes">Anonymous memory.</param>
/// <param name="PageFaults">Cumulative page faults.</param>
/// <param name="MajorPageFaults">Cumulative major page faults.</param>
/// <param name="LimitBytes">The cgroup's memory limit; null when unlimited.</param>
public readonly record struct CgroupMemory(ulong UsageBytes, ulong WorkingSetBytes, ulong RssBytes, ulong PageFaults, ulong MajorPageFaults,
    ulong? LimitBytes)
{
    /// <summary>The summary's form, read at <paramref name="time"/>: available is what the limit leaves of the working set.</summary>
    public MemoryStats ToApi(DateTimeOffset time) => new()
    {
        Time = time,
        AvailableBytes = LimitBytes is { } limit ? (limit > WorkingSetBytes ? limit - WorkingSetBytes : 0) : null,
        UsageBytes = UsageBytes,
        WorkingSetBytes = WorkingSetBytes,
        RssBytes = RssBytes,
        PageFaults = PageFaults,
        MajorPageFaults = MajorPageFaults,
    };
}
