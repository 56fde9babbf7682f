using System.Globalization;

namespace SharpKube.Cli.Bench.Dns.Dnsperf;

/// <summary>
/// Reads what dnsperf 2.x prints: the "Statistics:" section at the end, as lines <c>  Name:  value</c>, and with
/// <c>-v</c> one line per answered query, <c>&gt; RCODE name TYPE seconds</c>.
/// </summary>
internal static class DnsperfOutput
{
    private const string StatisticsHeader = "Statistics:";

    /// <summary>The statistics of a run's output; throws <see cref="InvalidDataException"/> when it has none.</summary>
    public static DnsperfStatistics ParseStatistics(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inStatistics = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line == StatisticsHeader)
            {
                inStatistics = true;
                continue;
            }

            // The name ends at the first ": " (names such as "Run time (s)" hold no colon; values such as "(min …, max …)" do not start the line).
            if (inStatistics && line.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            {
                values[line[..colon]] = line[(colon + 1)..].Trim();
            }
            else if (inStatistics && line.EndsWith(':'))
            {
                values[line[..^1]] = "";
            }
        }

        if (!inStatistics)
        {
            throw new InvalidDataException("dnsperf printed no statistics: " + Tail(output));
        }

        var (average, min, max) = Latency(Required(values, "Average Latency (s)"));
        return new DnsperfStatistics(
            FirstLong(Required(values, "Queries sent")),
            FirstLong(Required(values, "Queries completed")),
            FirstLong(Required(values, "Queries lost")),
            ResponseCodes(values.GetValueOrDefault("Response codes", "")),
            Double(Required(values, "Run time (s)")),
            Math.Round(Double(Required(values, "Queries per second")), 1),
            average,
            min,
            max,
            values.TryGetValue("Latency StdDev (s)", out var stdDev) ? Milliseconds(Double(stdDev)) : null);
    }

    /// <summary>
    /// The latency in seconds of a <c>-v</c> line for one answered query (<c>&gt; NOERROR name A 0.000195</c>), or null
    /// for any other line.
    /// </summary>
    public static double? QueryLatencySeconds(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("> ", StringComparison.Ordinal))
        {
            return null;
        }

        var space = line.LastIndexOf(' ');
        return double.TryParse(line.AsSpan(space + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
    }

    // "NOERROR 58879 (66.67%), NXDOMAIN 29439 (33.33%)"; empty when nothing was answered.
    private static Dictionary<string, long> ResponseCodes(string text)
    {
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                codes[words[0]] = count;
            }
            else
            {
                throw new InvalidDataException($"dnsperf's response codes are not 'CODE count (share)': '{text}'");
            }
        }

        return codes;
    }

    // "0.000822 (min 0.000018, max 0.006475)"
    private static (double Average, double Min, double Max) Latency(string text)
    {
        var words = text.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is [var average, "min", var min, "max", var max])
        {
            return (Milliseconds(Double(average)), Milliseconds(Double(min)), Milliseconds(Double(max)));
        }

        throw new InvalidDataException($"dnsperf's average latency is not 'S (min S, max S)': '{text}'");
    }

    private static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"dnsperf's statistics have no '{name}'");

    // "216043 (100.00%)" → 216043
    private static long FirstLong(string text)
    {
        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"dnsperf printed '{text}' where a count belongs");
    }

    private static double Double(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"dnsperf printed '{text}' where a number belongs");

    private static double Milliseconds(double seconds) => Math.Round(seconds * 1000, 3);

    private static string Tail(string output)
    {
        var text = output.Trim().ReplaceLineEndings(" | ");
        return text.Length <= 400 ? text : "…" + text[^400..];
    }
}
