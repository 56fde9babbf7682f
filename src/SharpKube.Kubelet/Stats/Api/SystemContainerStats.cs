namespace SharpKube.Kubelet.Stats.Api;

/// <summary>A node-level cgroup reported in <see cref="NodeStats.SystemContainers"/> (upstream reuses its ContainerStats shape).</summary>
public sealed record SystemContainerStats
{
    /// <summary>"pods" (every pod's cgroup), "kubelet" or "runtime".</summary>
    public required string Name { get; init; }

    /// <summary>When the measurement started (the node's boot time: the cgroup's own creation time is not recorded).</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>CPU used.</summary>
    public CpuStats? Cpu { get; init; }

    /// <summary>Memory used.</summary>
    public MemoryStats? Memory { get; init; }
}
