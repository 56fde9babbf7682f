using System.Globalization;

namespace SharpKube.ApiServer.Registry.CronJobs;

/// <summary>
/// Checks a CronJob schedule the way the standard cron parser upstream uses does: five fields (minute, hour,
/// day of month, month, day of week) with lists, ranges, steps and names, or a descriptor such as
/// <c>@hourly</c> or <c>@every 5m</c>; optionally led by <c>TZ=</c> / <c>CRON_TZ=</c>. Errors read as that parser's.
/// </summary>
public static class CronSchedule
{
    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("minute", 0, 59, null),
        ("hour", 0, 23, null),
        ("day of month", 1, 31, null),
        ("month", 1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        ("day of week", 0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>The parse error of a schedule, or null when it is valid.</summary>
    public static string? Validate(string schedule)
    {
        if (schedule.Length == 0)
        {
            return "empty spec string";
        }
        var spec = schedule;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var zone = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..(space < 0 ? spec.Length : space)];
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) && zone != "UTC")
            {
                return $"provided bad location {zone}: unknown time zone {zone}";
            }
            spec = space < 0 ? "" : spec[(space + 1)..].Trim();
        }
        if (spec.StartsWith('@'))
        {
            return ValidateDescriptor(spec);
        }
        var fields = spec.Split((char[])[' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(' ', fields)}]";
        }
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var part in fields[i].Split(','))
            {
                if (ValidateRange(part, Fields[i]) is { } error)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private static string? ValidateDescriptor(string spec)
    {
        if (Descriptors.Contains(spec))
        {
            return null;
        }
        const string Every = "@every ";
        if (spec.StartsWith(Every, StringComparison.Ordinal))
        {
            var duration = spec[Every.Length..];
            return GoDuration.IsValid(duration) ? null : $"failed to parse duration {spec}: time: invalid duration \"{duration}\"";
        }
        return "unrecognized descriptor: " + spec;
    }

    private static string? ValidateRange(string expr, (string Name, int Min, int Max, string[]? Names) bounds)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        long start, end;
        if (lowAndHigh[0] is "*" or "?")
        {
            start = bounds.Min;
            end = bounds.Max;
        }
        else
        {
            if (ParseIntOrName(lowAndHigh[0], bounds.Names, out start) is { } startError)
            {
                return startError;
            }
            switch (lowAndHigh.Length)
            {
                case 1:
                    end = start;
                    break;
                case 2:
                    if (ParseIntOrName(lowAndHigh[1], bounds.Names, out end) is { } endError)
                    {
                        return endError;
                    }
                    break;
                default:
                    return "too many hyphens: " + expr;
            }
        }
        long step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                if (ParseInt(rangeAndStep[1], out step) is { } stepError)
                {
                    return stepError;
                }
                if (lowAndHigh.Length == 1)
                {
                    end = bounds.Max;
                }
                break;
            default:
                return "too many slashes: " + expr;
        }
        if (start < bounds.Min)
        {
            return $"beginning of range ({start}) below minimum ({bounds.Min}): {expr}";
        }
        if (end > bounds.Max)
        {
            return $"end of range ({end}) above maximum ({bounds.Max}): {expr}";
        }
        if (start > end)
        {
            return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        }
        return step == 0 ? "step of range should be a positive number: " + expr : null;
    }

    private static string? ParseIntOrName(string expr, string[]? names, out long value)
    {
        var index = names is null ? -1 : Array.IndexOf(names, expr.ToLowerInvariant());
        if (index >= 0)
        {
            value = names!.Length == 12 ? index + 1 : index;
            return null;
        }
        return ParseInt(expr, out value);
    }

    private static string? ParseInt(string expr, out long value)
    {
        if (!long.TryParse(expr, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return $"failed to parse int from {expr}: strconv.Atoi: parsing {Quote(expr)}: invalid syntax";
        }
        return value < 0 ? $"negative number ({value}) not allowed: {expr}" : null;
    }

    private static string Quote(string text) => SharpKube.ApiMachinery.Errors.FieldErrorList.Quote(text);
}
