using System.Text.RegularExpressions;

namespace SharpKube.ApiServer.Registry.CronJobs;

/// <summary>Recognizes Go duration strings such as <c>5m</c>, <c>1h30m</c>, <c>1.5s</c>.</summary>
public static partial class GoDuration
{
    /// <summary>True when the text parses as a Go <c>time.Duration</c>.</summary>
    public static bool IsValid(string text) => text == "0" || DurationRegex().IsMatch(text);

    [GeneratedRegex(@"^[-+]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex DurationRegex();
}
