using System.Globalization;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// Upstream's human-readable durations (<c>duration.HumanDuration</c>), as kubectl shows them in AGE
/// columns: about two significant figures, e.g. <c>45s</c>, <c>5m12s</c>, <c>3h20m</c>, <c>2d3h</c>, <c>3y120d</c>.
/// </summary>
public static class HumanDuration
{
    /// <summary>Shown for a timestamp that is missing (Go's zero time).</summary>
    public const string Unknown = "<unknown>";

    /// <summary>Shown for a duration more than the tolerated clock skew into the future.</summary>
    public const string Invalid = "<invalid>";

    /// <summary>Formats a duration.</summary>
    /// <remarks>
    /// Up to one second into the future still reads <c>0s</c> (tolerated clock skew); beyond that it
    /// is <c>&lt;invalid&gt;</c>. Then: seconds below 2 minutes, minutes and seconds below 10 minutes,
    /// minutes below 3 hours, hours and minutes below 8 hours, hours below 2 days, days and hours below
    /// 8 days, days below 2 years, years and days below 8 years, then years.
    /// </remarks>
    public static string Format(TimeSpan duration)
    {
        // Go converts with truncation toward zero, so -1.9s is -1 whole second and still "0s".
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return Invalid;
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 120)
        {
            return Text(seconds, "s");
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return Pair(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180)
        {
            return Text(minutes, "m");
        }
        var hours = minutes / 60;
        if (hours < 8)
        {
            return Pair(hours, "h", minutes % 60, "m");
        }
        if (hours < 48)
        {
            return Text(hours, "h");
        }
        if (hours < 24 * 8)
        {
            return Pair(hours / 24, "d", hours % 24, "h");
        }
        var days = hours / 24;
        if (days < 365 * 2)
        {
            return Text(days, "d");
        }
        if (days < 365 * 8)
        {
            return Pair(days / 365, "y", days % 365, "d");
        }
        return Text(days / 365, "y");
    }

    /// <summary>
    /// The age of something that happened at <paramref name="timestamp"/>, seen at <paramref name="now"/>;
    /// <c>&lt;unknown&gt;</c> when the timestamp is missing.
    /// </summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } value ? Format(now - value) : Unknown;

    private static string Text(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? Text(major, majorUnit) : Text(major, majorUnit) + Text(minor, minorUnit);
}
