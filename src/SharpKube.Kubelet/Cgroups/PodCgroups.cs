using System.Globalization;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Cgroups;

/// <summary>
/// Pod-level cgroups on cgroup v1 with the cgroupfs layout (<c>/kubepods[/burstable|/besteffort]/pod&lt;uid&gt;</c>), as
/// upstream's pod container manager keeps them: created with the pod's limits before its sandbox starts (the runtime
/// then nests the sandbox and containers inside), and removed from every hierarchy once the pod is gone — the runtime
/// removes only its own leaves.
/// </summary>
public sealed class PodCgroups(string cgroupRoot, ILogger logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    /// <summary>The cgroup v1 mount root on Linux.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>
    /// Creates the pod's cgroup in the cpu and memory hierarchies with its limits. The runtime creates it in the others
    /// when the sandbox starts (cpuset, for one, must be filled from its parent first, which runc does).
    /// </summary>
    public void Create(string cgroupParent, LinuxContainerResources resources)
    {
        var cpu = Path.Combine(cgroupRoot, "cpu", cgroupParent.TrimStart('/'));
        var memory = Path.Combine(cgroupRoot, "memory", cgroupParent.TrimStart('/'));
        Directory.CreateDirectory(cpu);
        Directory.CreateDirectory(memory);
        if (resources.CpuShares > 0)
        {
            Write(cpu, "cpu.shares", resources.CpuShares);
        }
        if (resources.CpuPeriod > 0)
        {
            Write(cpu, "cpu.cfs_period_us", resources.CpuPeriod);
        }
        Write(cpu, "cpu.cfs_quota_us", resources.CpuQuota > 0 ? resources.CpuQuota : -1);
        if (resources.MemoryLimitInBytes > 0)
        {
            Write(memory, "memory.limit_in_bytes", resources.MemoryLimitInBytes);
        }
    }

    /// <summary>
    /// Removes the pod's cgroup from every hierarchy; false when one is still busy (the sandbox's last process is still
    /// exiting): it is then remembered and removed by <see cref="RetryPending"/>.
    /// </summary>
    public bool Remove(string podUid)
    {
        if (RemoveOnce(podUid))
        {
            _pending.TryRemove(podUid, out _);
            return true;
        }
        _pending[podUid] = 0;
        return false;
    }

    /// <summary>Removes the cgroups of pods whose earlier removal found them busy; returns how many are still left.</summary>
    public int RetryPending()
    {
        foreach (var uid in _pending.Keys)
        {
            if (RemoveOnce(uid))
            {
                _pending.TryRemove(uid, out _);
            }
        }
        return _pending.Count;
    }

    private bool RemoveOnce(string podUid)
    {
        var removed = true;
        foreach (var hierarchy in Hierarchies())
        {
            foreach (var parent in new[] { "kubepods", "kubepods/burstable", "kubepods/besteffort" })
            {
                var path = Path.Combine(hierarchy, parent, "pod" + podUid);
                if (!Directory.Exists(path))
                {
                    continue;
                }
                try
                {
                    RemoveTree(path);
                }
                catch (IOException e)
                {
                    logger.LogDebug("Pod cgroup {Path} is still busy: {Error}", path, e.Message);
                    removed = false;
                }
            }
        }
        return removed;
    }

    /// <summary>The pod uids that have a cgroup, read from the memory hierarchy.</summary>
    public IReadOnlyList<string> PodUids()
    {
        var memory = Path.Combine(cgroupRoot, "memory", "kubepods");
        var uids = new List<string>();
        foreach (var parent in new[] { memory, Path.Combine(memory, "burstable"), Path.Combine(memory, "besteffort") })
        {
            if (Directory.Exists(parent))
            {
                uids.AddRange(Directory.EnumerateDirectories(parent, "pod*").Select(d => Path.GetFileName(d)[3..]));
            }
        }
        return uids;
    }

    /// <summary>Child cgroups first: a cgroup directory can only be removed once it has none.</summary>
    private static void RemoveTree(string path)
    {
        foreach (var child in Directory.EnumerateDirectories(path))
        {
            RemoveTree(child);
        }
        Directory.Delete(path);
    }

    /// <summary>
    /// Every mounted hierarchy, once each (cpu and cpuacct are often one, reached through two names), including the named
    /// <c>systemd</c> one and the (empty) cgroup v2 <c>unified</c> one: runc creates the pod's cgroup in those too.
    /// </summary>
    private IEnumerable<string> Hierarchies()
    {
        if (!Directory.Exists(cgroupRoot))
        {
            return [];
        }
        return Directory.EnumerateDirectories(cgroupRoot)
            .Select(d => new DirectoryInfo(d).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? d)
            .Distinct(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "cgroup.procs")));
    }

    private void Write(string directory, string file, long value)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, file), value.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not set {File} of {Cgroup} to {Value}: {Error}", file, directory, value, e.Message);
        }
    }
}
