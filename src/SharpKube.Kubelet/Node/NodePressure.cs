using System.Globalization;

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
    /// Observes the node now: memory.available = capacity − working set (the root memory cgroup's usage less its
    /// inactive file pages under cgroup v1, else MemTotal − MemAvailable), the filesystems of
    /// <paramref name="nodeFsPath"/> (the kubelet's) and <paramref name="imageFsPath"/> (the runtime's), and PIDs in use
    /// against kernel.pid_max.
    /// </summary>
    public static NodePressure Observe(string nodeFsPath, string imageFsPath, EvictionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var memory = MemoryAvailableBytes() < thresholds.MemoryAvailableBytes;
        var nodeFs = FileSystemUsage.Of(nodeFsPath);
        var imageFs = FileSystemUsage.Of(imageFsPath);
        var disk = Below(nodeFs.AvailableBytes, nodeFs.CapacityBytes, thresholds.NodeFsAvailable)
            || Below(nodeFs.InodesFree, nodeFs.Inodes, thresholds.NodeFsInodesFree)
            || Below(imageFs.AvailableBytes, imageFs.CapacityBytes, thresholds.ImageFsAvailable);
        var pid = thresholds.PidAvailable is { } share && PidsAvailable() is var (available, max) && Below(available, max, share);
        return new NodePressure(memory, disk, pid);
    }

    private static bool Below(long available, long total, double share) => total > 0 && available < total * share;

    /// <summary>memory.available as upstream computes it for the node.</summary>
    internal static long MemoryAvailableBytes()
    {
        var meminfo = ReadMeminfo();
        var total = meminfo.GetValueOrDefault("MemTotal");
        const string RootCgroup = "/sys/fs/cgroup/memory";
        if (File.Exists(Path.Combine(RootCgroup, "memory.usage_in_bytes")))
        {
            var usage = long.Parse(File.ReadAllText(Path.Combine(RootCgroup, "memory.usage_in_bytes")).Trim(), CultureInfo.InvariantCulture);
            var inactiveFile = File.ReadLines(Path.Combine(RootCgroup, "memory.stat"))
                .Select(line => line.Split(' '))
                .Where(parts => parts.Length == 2 && parts[0] == "total_inactive_file")
                .Select(parts => long.Parse(parts[1], CultureInfo.InvariantCulture))
                .FirstOrDefault();
            return total - Math.Max(0, usage - inactiveFile);
        }

        return meminfo.GetValueOrDefault("MemAvailable");
    }

    private static (long Available, long Max) PidsAvailable()
    {
        var max = long.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        // /proc/loadavg's fourth field is "running/total" scheduling entities (threads), each holding a PID.
        var total = long.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[3].Split('/')[1], CultureInfo.InvariantCulture);
        return (max - total, max);
    }

    /// <summary>/proc/meminfo's fields in bytes.</summary>
    private static Dictionary<string, long> ReadMeminfo()
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var value = line[(colon + 1)..].Trim().Split(' ');
            if (colon > 0 && long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                fields[line[..colon]] = value.Length > 1 && value[1] == "kB" ? amount * 1024 : amount;
            }
        }

        return fields;
    }
}
