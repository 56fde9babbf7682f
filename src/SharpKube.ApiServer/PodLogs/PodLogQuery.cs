using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.PodLogs;

/// <summary>
/// The query of <c>GET …/pods/{name}/log</c> (a v1 <c>PodLogOptions</c>), decoded and validated as upstream: a value that
/// does not decode is a 400 BadRequest, a value out of range a 422 Invalid <c>PodLogOptions</c>.
/// </summary>
public sealed record PodLogQuery
{
    /// <summary>The container asked for; empty when the pod's only container is meant.</summary>
    public string Container { get; init; } = "";

    /// <summary>Keep streaming.</summary>
    public bool Follow { get; init; }

    /// <summary>Read the previous, terminated instance.</summary>
    public bool Previous { get; init; }

    /// <summary>Prefix lines with their time.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Only lines of the last this many seconds.</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Only lines since this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>Only the last this many lines.</summary>
    public long? TailLines { get; init; }

    /// <summary>At most this many bytes.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Parses and validates the query of a log request for pod <paramref name="podName"/>.</summary>
    /// <exception cref="StatusException">400 for a value that does not decode, 422 for one out of range.</exception>
    public static PodLogQuery Parse(IQueryCollection query, string podName)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parsed = new PodLogQuery
        {
            Container = query["container"].ToString(),
            Follow = Bool(query["follow"].ToString()),
            Previous = Bool(query["previous"].ToString()),
            Timestamps = Bool(query["timestamps"].ToString()),
            SinceSeconds = Int64(query, "sinceSeconds"),
            SinceTime = Time(query, "sinceTime"),
            TailLines = Int64(query, "tailLines"),
            LimitBytes = Int64(query, "limitBytes"),
        };
        // insecureSkipTLSVerifyBackend is accepted and has no effect: the kubelet's certificate is never verified.
        _ = Bool(query["insecureSkipTLSVerifyBackend"].ToString());
        var errors = new List<FieldError>();
        if (parsed.TailLines is < 0)
        {
            errors.Add(Invalid("tailLines", parsed.TailLines.Value, "must be greater than or equal to 0"));
        }
        if (parsed.LimitBytes is < 1)
        {
            errors.Add(Invalid("limitBytes", parsed.LimitBytes.Value, "must be greater than 0"));
        }
        if (parsed.SinceSeconds is not null && parsed.SinceTime is not null)
        {
            errors.Add(new FieldError(FieldErrorType.Forbidden, "", null, "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (parsed.SinceSeconds is < 1)
        {
            errors.Add(Invalid("sinceSeconds", parsed.SinceSeconds.Value, "must be greater than 0"));
        }
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid("", "PodLogOptions", podName, errors);
        }
        return parsed;
    }

    /// <summary>The kubelet's query for these options (<c>/containerLogs/…?…</c>), container excluded: it is in the path.</summary>
    public string ToKubeletQuery()
    {
        var query = new StringBuilder();
        void Add(string name, string value) =>
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (Follow)
        {
            Add("follow", "true");
        }
        if (Previous)
        {
            Add("previous", "true");
        }
        if (Timestamps)
        {
            Add("timestamps", "true");
        }
        if (SinceSeconds is { } sinceSeconds)
        {
            Add("sinceSeconds", sinceSeconds.ToString(CultureInfo.InvariantCulture));
        }
        if (SinceTime is { } sinceTime)
        {
            Add("sinceTime", sinceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        if (TailLines is { } tailLines)
        {
            Add("tailLines", tailLines.ToString(CultureInfo.InvariantCulture));
        }
        if (LimitBytes is { } limitBytes)
        {
            Add("limitBytes", limitBytes.ToString(CultureInfo.InvariantCulture));
        }
        return query.ToString();
    }

    private static FieldError Invalid(string field, long value, string detail) =>
        new(FieldErrorType.Invalid, field, value.ToString(CultureInfo.InvariantCulture), detail);

    // As Kubernetes' query decoding: absent, "false" and "0" are false, anything else true.
    private static bool Bool(string value) =>
        value.Length > 0 && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static long? Int64(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw StatusErrors.BadRequest($"invalid value \"{value}\" for {name}: not an integer");
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw StatusErrors.BadRequest($"invalid value \"{value}\" for {name}: not an RFC 3339 time");
    }
}
