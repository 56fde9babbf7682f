namespace SharpKube.Kubelet.Node;

/// <summary>
/// The hard eviction thresholds the node's pressure conditions are judged by. The defaults are upstream's:
/// memory.available &lt; 100Mi, nodefs.available &lt; 10%, nodefs.inodesFree &lt; 5%, imagefs.available &lt; 15%, and no
/// pid.available threshold (so PIDPressure stays False unless one is set).
/// </summary>
public sealed record EvictionThresholds
{
    /// <summary>Upstream's default thresholds.</summary>
    public static EvictionThresholds Default { get; } = new();

    /// <summary>memory.available below this many bytes is memory pressure.</summary>
    public long MemoryAvailableBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>nodefs.available below this share of the kubelet's filesystem is disk pressure.</summary>
    public double NodeFsAvailable { get; init; } = 0.10;

    /// <summary>nodefs.inodesFree below this share of its inodes is disk pressure.</summary>
    public double NodeFsInodesFree { get; init; } = 0.05;

    /// <summary>imagefs.available below this share of the runtime's filesystem is disk pressure.</summary>
    public double ImageFsAvailable { get; init; } = 0.15;

    /// <summary>pid.available below this share of the maximum PID count is PID pressure; null never is.</summary>
    public double? PidAvailable { get; init; }
}
