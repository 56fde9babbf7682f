namespace SharpKube.Cli.Bench.Dns;

/// <summary>
/// The machine's load average (<c>/proc/loadavg</c>: 1, 5 and 15 minutes), reported beside the figures: dnsperf and
/// the server share the cores, so anything else running on the machine shows in queries/s.
/// </summary>
internal static class LoadAverage
{
    /// <summary>"1.02 0.87 0.55", or null where /proc does not tell.</summary>
    public static string? Read()
    {
        const string Path = "/proc/loadavg";
        if (!File.Exists(Path))
        {
            return null;
        }

        var fields = File.ReadAllText(Path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : null;
    }
}
