using SharpKube.Kubelet.Stats;

namespace SharpKube.Kubelet.Node;

/// <summary>Whether the node is short of memory, disk or PIDs by its <see cref="EvictionThresholds"/>.</summary>
/// <param name="Memory">memory.available is under its threshold.</param>
/// <param name="Disk">nodefs or imagefs space, or nodefs inodes, are under their thresholds.</param>
/// <param name="Pid">pid.available is under its threshold.</param>
public readonly record struct NodePressure(bool Memory, bool Disk, bool Pid)
{
    /// <summary>No pressure of any kind.</summary>
    public static NodePressure None => default;

    /// <summary>
    /// Observes the node now, from the same figures <c>/stats/summary</c> reports, as upstream's eviction signals are:
    /// memory.available = capacity − the node's working set; the filesystems of <paramref name="nodeFsPath"/> (the
    /// kubelet's) and <paramref name="imageFsPath"/> (the runtime's); PIDs in use against kernel.pid_max. A figure that
    /// cannot be read is no pressure.
    /// </summary>
    public static NodePressure Observe(string nodeFsPath, string imageFsPath, EvictionThresholds thresholds, string procRoot = ProcStats.DefaultRoot)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var proc = new ProcStats(procRoot);
        var memory = proc.Memory() is { LimitBytes: { } capacity } node
            && (long)(capacity - Math.Min(capacity, node.WorkingSetBytes)) < thresholds.MemoryAvailableBytes;
        var disk = FileSystemUsage.Of(nodeFsPath) is { } nodeFs
                && (Below(nodeFs.AvailableBytes, nodeFs.CapacityBytes, thresholds.NodeFsAvailable)
                    || Below(nodeFs.InodesFree, nodeFs.Inodes, thresholds.NodeFsInodesFree))
            || FileSystemUsage.Of(imageFsPath) is { } imageFs && Below(imageFs.AvailableBytes, imageFs.CapacityBytes, thresholds.ImageFsAvailable);
        var pid = thresholds.PidAvailable is { } share && proc.Processes() is ({ } max, { } current)
            && Below((ulong)Math.Max(0, max - current), (ulong)max, share);
        return new NodePressure(memory, disk, pid);
    }

    private static bool Below(ulong available, ulong total, double share) => total > 0 && available < total * share;
}
