using System.Globalization;
using System.Text.RegularExpressions;

namespace SharpKube.Scheduler.Configuration;

/// <summary>Durations as Kubernetes configuration files write them (Go's <c>time.ParseDuration</c>: <c>15s</c>, <c>1m30s</c>, <c>500ms</c>).</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"\G(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Parses <paramref name="text"/>; false when it is not a Go duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var negative = text.StartsWith('-');
        var rest = negative || text.StartsWith('+') ? text[1..] : text;
        if (rest == "0")
        {
            return true;
        }
        if (rest.Length == 0)
        {
            return false;
        }
        var position = 0;
        double ticks = 0;
        while (position < rest.Length)
        {
            var match = Part().Match(rest, position);
            if (!match.Success)
            {
                return false;
            }
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += value * match.Groups[2].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
            position += match.Length;
        }
        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }
}
