namespace SharpKube.Kubelet.Stats.Api;

/// <summary>Figures for the whole node.</summary>
public sealed record NodeStats
{
    /// <summary>The Node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>Cgroups the kubelet accounts for separately (upstream's "kubelet", "runtime", "pods").</summary>
    public IReadOnlyList<SystemContainerStats>? SystemContainers { get; init; }

    /// <summary>When the machine booted.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>CPU used by the whole machine.</summary>
    public CpuStats? Cpu { get; init; }

    /// <summary>Memory used by the whole machine.</summary>
    public MemoryStats? Memory { get; init; }

    /// <summary>The host's network interfaces.</summary>
    public NetworkStats? Network { get; init; }

    /// <summary>The filesystem that holds the kubelet's directory (pod volumes, logs).</summary>
    public FsStats? Fs { get; init; }

    /// <summary>The container runtime's filesystems.</summary>
    public RuntimeStats? Runtime { get; init; }

    /// <summary>Process limits.</summary>
    public RlimitStats? Rlimit { get; init; }
}
