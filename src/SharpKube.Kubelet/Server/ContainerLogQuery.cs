using System.Globalization;
using Microsoft.AspNetCore.Http;
using SharpKube.Kubelet.Logs;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// The query of <c>GET /containerLogs/{namespace}/{pod}/{container}</c> (a v1 <c>PodLogOptions</c>): <c>follow</c>,
/// <c>previous</c>, <c>timestamps</c>, <c>tailLines</c> (or the older <c>tail</c>, where <c>all</c> means no limit),
/// <c>sinceSeconds</c>, <c>sinceTime</c> and <c>limitBytes</c>.
/// </summary>
/// <param name="Options">What to read.</param>
/// <param name="Previous">Read the previous, terminated instance of the container.</param>
internal sealed record ContainerLogQuery(ContainerLogOptions Options, bool Previous)
{
    /// <summary>Upstream's body for a query that does not decode (400).</summary>
    public const string UndecodableMessage = """{"message": "Unable to decode query."}""";

    /// <summary>Upstream's body for values out of range (422).</summary>
    public const string InvalidMessage = """{"message": "Invalid request."}""";

    /// <summary>Parses <paramref name="query"/>; on failure returns null with the HTTP code and body to answer.</summary>
    public static ContainerLogQuery? Parse(IQueryCollection query, DateTimeOffset now, out int errorCode, out string errorMessage)
    {
        errorCode = 0;
        errorMessage = "";
        var tailText = query["tailLines"].ToString();
        if (query["tail"].ToString() is { Length: > 0 } tail)
        {
            tailText = tail == "all" ? "" : tail;
        }
        if (!TryInt64(tailText, out var tailLines) || !TryInt64(query["sinceSeconds"].ToString(), out var sinceSeconds)
            || !TryInt64(query["limitBytes"].ToString(), out var limitBytes) || !TryTime(query["sinceTime"].ToString(), out var sinceTime))
        {
            (errorCode, errorMessage) = (400, UndecodableMessage);
            return null;
        }
        if (tailLines < 0 || limitBytes < 1 || sinceSeconds < 1 || (sinceSeconds is not null && sinceTime is not null))
        {
            (errorCode, errorMessage) = (422, InvalidMessage);
            return null;
        }
        var options = new ContainerLogOptions
        {
            Follow = Bool(query["follow"].ToString()),
            Timestamps = Bool(query["timestamps"].ToString()),
            TailLines = tailLines,
            LimitBytes = limitBytes,
            SinceTime = sinceSeconds is { } seconds ? now.AddSeconds(-seconds) : sinceTime,
        };
        return new ContainerLogQuery(options, Bool(query["previous"].ToString()));
    }

    // As Kubernetes' query decoding: absent, "false" and "0" are false, anything else true.
    private static bool Bool(string value) =>
        value.Length > 0 && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static bool TryInt64(string value, out long? parsed)
    {
        parsed = null;
        if (value.Length == 0)
        {
            return true;
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            parsed = number;
            return true;
        }
        return false;
    }

    private static bool TryTime(string value, out DateTimeOffset? parsed)
    {
        parsed = null;
        if (value.Length == 0)
        {
            return true;
        }
        // RFC 3339, possibly with nanoseconds (more digits than .NET parses, so through the log line parser).
        if (CriLogLine.TryParseTime(System.Text.Encoding.UTF8.GetBytes(value), out var time))
        {
            parsed = time;
            return true;
        }
        return false;
    }
}
