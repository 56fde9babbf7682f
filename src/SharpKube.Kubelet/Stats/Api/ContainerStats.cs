namespace SharpKube.Kubelet.Stats.Api;

/// <summary>Figures for one running container.</summary>
public sealed record ContainerStats
{
    /// <summary>The container's name in the pod spec.</summary>
    public required string Name { get; init; }

    /// <summary>When the container was created.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>CPU used by the container's cgroup.</summary>
    public CpuStats? Cpu { get; init; }

    /// <summary>Memory used by the container's cgroup.</summary>
    public MemoryStats? Memory { get; init; }

    /// <summary>The container's log files.</summary>
    public FsStats? Logs { get; init; }
}
