using System.Text;

namespace SharpKube.Cli.Bench.Dns.Workload;

/// <summary>
/// dnsperf's input files (one <c>name TYPE</c> per line, which dnsperf sends in order and repeats): a sample of the
/// zone's names spread evenly over every Service, so that each server answers the same names from its cache.
/// </summary>
internal static class QueryFiles
{
    /// <summary>
    /// Writes the A queries of <paramref name="sample"/> names (every Service when there are fewer) spread over
    /// <paramref name="zone"/>; returns how many lines it wrote.
    /// </summary>
    public static int WriteCachedNames(string path, IReadOnlyList<ZoneEntry> zone, int sample)
    {
        var lines = Sample(zone, sample).Select(e => $"{e.Name} A").ToArray();
        Write(path, lines);
        return lines.Length;
    }

    /// <summary>
    /// Writes a mix over the same sample: for each name its A query, the SRV query of its named port (ClusterIP
    /// Services; a headless Service's SRV targets name its endpoints, which the peer has no record of) and an A query
    /// for a Service that does not exist in the same namespace (NXDOMAIN); returns how many lines it wrote.
    /// </summary>
    public static int WriteMixed(string path, IReadOnlyList<ZoneEntry> zone, int sample)
    {
        var lines = new List<string>();
        foreach (var entry in Sample(zone, sample))
        {
            lines.Add($"{entry.Name} A");
            if (!entry.Headless)
            {
                lines.Add($"{entry.SrvName} SRV");
            }

            lines.Add($"missing-{entry.Name} A");
        }

        Write(path, lines);
        return lines.Count;
    }

    /// <summary>
    /// <paramref name="count"/> distinct entries of <paramref name="zone"/>, one from each of as many equal stretches,
    /// first included; the place within each stretch moves on by one each time, so that a sample does not follow the
    /// zone's own period (the namespace, or which Services are headless, repeats every ten).
    /// </summary>
    public static IEnumerable<ZoneEntry> Sample(IReadOnlyList<ZoneEntry> zone, int count)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var taken = Math.Min(count, zone.Count);
        for (var i = 0; i < taken; i++)
        {
            var start = (long)i * zone.Count / taken;
            var end = (long)(i + 1) * zone.Count / taken;
            yield return zone[(int)(start + (i % (end - start)))];
        }
    }

    private static void Write(string path, IEnumerable<string> lines) =>
        File.WriteAllLines(path, lines, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
