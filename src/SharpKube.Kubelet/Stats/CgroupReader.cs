using System.Globalization;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Reads CPU and memory figures of cgroups, on cgroup v1 (a hierarchy per controller: <c>cpuacct</c>, <c>memory</c>) or
/// v2 (one unified hierarchy, recognised by <c>cgroup.controllers</c> at its root). Cgroups are named by their path
/// from the root (<c>/kubepods/burstable/pod&lt;uid&gt;</c>); a cgroup that is gone reads as null, since pods come
/// and go between listing and reading.
/// </summary>
public sealed class CgroupReader(string root)
{
    /// <summary>v1 reports "no limit" as the largest page-aligned long; anything this large is no limit.</summary>
    private const ulong UnlimitedThreshold = 1UL << 62;

    /// <summary>The cgroup filesystem's mount point on Linux.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>Whether the machine uses the unified (v2) hierarchy.</summary>
    public bool IsUnified { get; } = File.Exists(Path.Combine(root, "cgroup.controllers"));

    /// <summary>Whether the cgroup exists (in the memory hierarchy on v1: the one every pod cgroup is created in).</summary>
    public bool Exists(string cgroup) => Directory.Exists(PathOf(IsUnified ? null : "memory", cgroup));

    /// <summary>The names of the cgroup's child cgroups (none when it is gone).</summary>
    public IReadOnlyList<string> Children(string cgroup)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(PathOf(IsUnified ? null : "memory", cgroup)).Select(Path.GetFileName).OfType<string>()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The CPU time the cgroup's processes used since it was created, in nanoseconds.</summary>
    public ulong? CpuUsageNanoseconds(string cgroup)
    {
        if (!IsUnified)
        {
            return StatFile.ReadNumber(Path.Combine(PathOf("cpuacct", cgroup), "cpuacct.usage"));
        }
        return StatFile.Read(Path.Combine(PathOf(null, cgroup), "cpu.stat")).TryGetValue("usage_usec", out var micros) ? micros * 1000 : null;
    }

    /// <summary>The cgroup's memory figures (hierarchical: its descendants included).</summary>
    public CgroupMemory? Memory(string cgroup)
    {
        if (IsUnified)
        {
            var directory = PathOf(null, cgroup);
            if (StatFile.ReadNumber(Path.Combine(directory, "memory.current")) is not { } current)
            {
                return null;
            }
            var stat = StatFile.Read(Path.Combine(directory, "memory.stat"));
            return Figures(current, stat, "inactive_file", "anon", "pgfault", "pgmajfault", StatFile.ReadNumber(Path.Combine(directory, "memory.max")));
        }
        var v1 = PathOf("memory", cgroup);
        if (StatFile.ReadNumber(Path.Combine(v1, "memory.usage_in_bytes")) is not { } usage)
        {
            return null;
        }
        // The total_ figures include descendants, as usage_in_bytes does.
        return Figures(usage, StatFile.Read(Path.Combine(v1, "memory.stat")), "total_inactive_file", "total_rss", "total_pgfault", "total_pgmajfault",
            StatFile.ReadNumber(Path.Combine(v1, "memory.limit_in_bytes")));
    }

    /// <summary>A process in the cgroup (the first listed), or null when it has none.</summary>
    public int? FirstProcess(string cgroup)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(PathOf(IsUnified ? null : "memory", cgroup), "cgroup.procs")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static CgroupMemory Figures(ulong usage, IReadOnlyDictionary<string, ulong> stat, string inactiveFile, string rss, string faults,
        string majorFaults, ulong? limit)
    {
        var inactive = stat.GetValueOrDefault(inactiveFile);
        return new CgroupMemory(usage, usage > inactive ? usage - inactive : 0, stat.GetValueOrDefault(rss), stat.GetValueOrDefault(faults),
            stat.GetValueOrDefault(majorFaults), limit is { } l && l < UnlimitedThreshold ? l : null);
    }

    private string PathOf(string? controller, string cgroup) =>
        controller is null ? Path.Combine(root, cgroup.TrimStart('/')) : Path.Combine(root, controller, cgroup.TrimStart('/'));
}
