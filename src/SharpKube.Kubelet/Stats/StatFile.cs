using System.Globalization;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Reads the kernel's flat keyed files: one <c>key value</c> pair a line (<c>memory.stat</c>, <c>cpu.stat</c>,
/// <c>/proc/vmstat</c>), or <c>Key:  value kB</c> (<c>/proc/meminfo</c>, whose kB values are returned in bytes).
/// </summary>
internal static class StatFile
{
    /// <summary>The file's numeric pairs; an empty map when it does not exist (the cgroup or controller is gone).</summary>
    public static IReadOnlyDictionary<string, ulong> Read(string path)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return values;
        }
        foreach (var line in lines)
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var key = fields[0].TrimEnd(':');
            values[key] = fields.Length > 2 && fields[2] == "kB" ? value * 1024 : value;
        }
        return values;
    }

    /// <summary>The single number a file holds (<c>cpuacct.usage</c>, <c>memory.current</c>); null when absent or not a number (<c>max</c>).</summary>
    public static ulong? ReadNumber(string path)
    {
        try
        {
            return ulong.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
