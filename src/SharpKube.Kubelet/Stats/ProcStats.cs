using System.Globalization;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Reads the node's own figures from procfs: CPU time (<c>/proc/stat</c>), memory (<c>/proc/meminfo</c>,
/// <c>/proc/vmstat</c>), boot time, process counts and the interfaces of a network namespace (<c>net/dev</c>).
/// </summary>
public sealed class ProcStats(string procRoot)
{
    /// <summary>
    /// <c>/proc/stat</c> counts in USER_HZ ticks, which the kernel fixes at 100 a second for user space on every
    /// architecture, whatever its internal HZ.
    /// </summary>
    private const ulong NanosecondsPerTick = 10_000_000;

    /// <summary>procfs's mount point.</summary>
    public const string DefaultRoot = "/proc";

    /// <summary>CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal) since boot, in nanoseconds.</summary>
    public ulong? CpuUsageNanoseconds()
    {
        var fields = StatLine("cpu");
        if (fields is null || fields.Length < 9)
        {
            return null;
        }
        ulong Field(int index) => ulong.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        // Fields: cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return busy * NanosecondsPerTick;
    }

    /// <summary>When the machine booted (<c>btime</c>); the Unix epoch when unknown.</summary>
    public DateTimeOffset BootTime() =>
        StatLine("btime") is [_, var seconds, ..] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The machine's memory: usage is everything not free, the working set leaves out inactive file pages (as for a
    /// cgroup), and <see cref="CgroupMemory.LimitBytes"/> is the machine's total.
    /// </summary>
    public CgroupMemory? Memory()
    {
        var info = StatFile.Read(Path.Combine(procRoot, "meminfo"));
        if (!info.TryGetValue("MemTotal", out var total) || !info.TryGetValue("MemFree", out var free))
        {
            return null;
        }
        var usage = total > free ? total - free : 0;
        var inactiveFile = info.GetValueOrDefault("Inactive(file)");
        var vmstat = StatFile.Read(Path.Combine(procRoot, "vmstat"));
        return new CgroupMemory(usage, usage > inactiveFile ? usage - inactiveFile : 0, info.GetValueOrDefault("AnonPages"),
            vmstat.GetValueOrDefault("pgfault"), vmstat.GetValueOrDefault("pgmajfault"), total);
    }

    /// <summary>The kernel's pid limit and how many tasks run now (the total of <c>/proc/loadavg</c>'s running/total).</summary>
    public (long? MaxPid, long? Current) Processes()
    {
        long? max = StatFile.ReadNumber(Path.Combine(procRoot, "sys", "kernel", "pid_max")) is { } m ? (long)m : null;
        long? current = null;
        try
        {
            var fields = File.ReadAllText(Path.Combine(procRoot, "loadavg")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[3].Split('/') is [_, var total]
                && long.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                current = count;
            }
        }
        catch (IOException)
        {
            // No figure rather than no summary.
        }
        return (max, current);
    }

    /// <summary>
    /// The interfaces of the network namespace <paramref name="pid"/> is in (the caller's own when null), loopback left
    /// out; none when the process is gone.
    /// </summary>
    public IReadOnlyList<InterfaceStats> Interfaces(int? pid)
    {
        var path = pid is { } p ? Path.Combine(procRoot, p.ToString(CultureInfo.InvariantCulture), "net", "dev") : Path.Combine(procRoot, "net", "dev");
        try
        {
            return ParseNetDev(File.ReadAllLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The interface of the IPv4 default route (<c>/proc/net/route</c>, destination 0), or null.</summary>
    public string? DefaultRouteInterface()
    {
        try
        {
            return File.ReadLines(Path.Combine(procRoot, "net", "route")).Skip(1)
                .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .FirstOrDefault(fields => fields.Length > 2 && fields[1] == "00000000")?[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Parses <c>net/dev</c>: two header lines, then <c>name: rx-bytes packets errs drop fifo frame compressed multicast
    /// tx-bytes packets errs …</c>.
    /// </summary>
    internal static IReadOnlyList<InterfaceStats> ParseNetDev(IEnumerable<string> lines)
    {
        var interfaces = new List<InterfaceStats>();
        foreach (var line in lines.Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            var counters = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name == "lo" || counters.Length < 11)
            {
                continue;
            }
            ulong Counter(int index) => ulong.TryParse(counters[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            interfaces.Add(new InterfaceStats { Name = name, RxBytes = Counter(0), RxErrors = Counter(2), TxBytes = Counter(8), TxErrors = Counter(10) });
        }
        return interfaces;
    }

    private string[]? StatLine(string key)
    {
        try
        {
            return File.ReadLines(Path.Combine(procRoot, "stat"))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .FirstOrDefault(fields => fields.Length > 0 && fields[0] == key);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
