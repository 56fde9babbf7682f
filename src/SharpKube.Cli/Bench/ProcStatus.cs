using System.Globalization;

namespace SharpKube.Cli.Bench;

/// <summary>Reads a process's resident memory from Linux's <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class ProcStatus
{
    /// <summary>VmRSS and VmHWM (peak) of process <paramref name="pid"/> in bytes, or null where /proc does not tell.</summary>
    public static (long Rss, long? Peak)? Read(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        long? rss = null;
        long? peak = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return rss is { } value ? (value, peak) : null;
    }

    // "VmRSS:\t  123456 kB"
    private static long? Kilobytes(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }
}
