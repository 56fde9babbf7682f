using System.Globalization;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Http;

/// <summary>The query parameters of a LIST or WATCH, validated.</summary>
public sealed record ListQuery
{
    /// <summary>The <c>labelSelector</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>The <c>fieldSelector</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>The page size; 0 for everything.</summary>
    public int Limit { get; init; }

    /// <summary>The decoded <c>continue</c> token.</summary>
    public ContinueToken? Continue { get; init; }

    /// <summary>The <c>resourceVersion</c>: null when absent or empty, else its numeric value.</summary>
    public long? ResourceVersion { get; init; }

    /// <summary><c>Exact</c>, <c>NotOlderThan</c> or null.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>True for <c>watch=true</c>.</summary>
    public bool Watch { get; init; }

    /// <summary>True for <c>allowWatchBookmarks=true</c>.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>The <c>timeoutSeconds</c> of a watch.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The <c>sendInitialEvents</c> value, when given.</summary>
    public bool? SendInitialEvents { get; init; }

    /// <summary>Parses and validates the query; 400 BadRequest for malformed values.</summary>
    public static ListQuery Parse(IQueryCollection query)
    {
        var resourceVersionText = query["resourceVersion"].ToString();
        long? resourceVersion = null;
        if (resourceVersionText.Length > 0)
        {
            if (!long.TryParse(resourceVersionText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                throw StatusErrors.BadRequest($"invalid resource version \"{resourceVersionText}\"");
            }
            resourceVersion = rv;
        }
        var match = query["resourceVersionMatch"].ToString();
        if (match.Length > 0 && match is not ("Exact" or "NotOlderThan"))
        {
            throw Invalid("resourceVersionMatch", match, "must be one of \"NotOlderThan\", \"Exact\"");
        }
        if (match.Length > 0 && resourceVersion is null)
        {
            throw Invalid("resourceVersionMatch", match, "resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        if (match == "Exact" && resourceVersion == 0)
        {
            throw Invalid("resourceVersionMatch", match, "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
        }
        var continueText = query["continue"].ToString();
        var continueToken = continueText.Length > 0 ? ContinueToken.Decode(continueText) : null;
        if (continueToken is not null && (resourceVersion ?? 0) != 0)
        {
            throw Invalid("resourceVersion", resourceVersionText, "specifying resource version is not allowed when using continue");
        }
        return new ListQuery
        {
            LabelSelector = NullIfEmpty(query["labelSelector"].ToString()),
            FieldSelector = NullIfEmpty(query["fieldSelector"].ToString()),
            Limit = ParseNonNegative(query, "limit"),
            Continue = continueToken,
            ResourceVersion = resourceVersion,
            ResourceVersionMatch = NullIfEmpty(match),
            Watch = ParseBool(query, "watch"),
            AllowWatchBookmarks = ParseBool(query, "allowWatchBookmarks"),
            TimeoutSeconds = query.ContainsKey("timeoutSeconds") ? ParseNonNegative(query, "timeoutSeconds") : null,
            SendInitialEvents = query.ContainsKey("sendInitialEvents") ? ParseBool(query, "sendInitialEvents") : null,
        };
    }

    /// <summary>Parses a boolean query parameter as upstream does (<c>true</c>/<c>1</c>/<c>false</c>/<c>0</c>).</summary>
    public static bool ParseBool(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        return text switch
        {
            "" => false,
            "true" or "True" or "TRUE" or "1" or "t" or "T" => true,
            "false" or "False" or "FALSE" or "0" or "f" or "F" => false,
            _ => throw StatusErrors.BadRequest($"invalid value for {name}: strconv.ParseBool: parsing \"{text}\": invalid syntax"),
        };
    }

    private static int ParseNonNegative(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return 0;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw StatusErrors.BadRequest($"invalid value for {name}: strconv.ParseInt: parsing \"{text}\": invalid syntax");
        }
        if (value < 0)
        {
            throw Invalid(name, text, "must be greater than or equal to 0");
        }
        return (int)Math.Min(value, int.MaxValue);
    }

    private static StatusException Invalid(string field, string value, string detail) =>
        StatusErrors.BadRequest($"{field}: Invalid value: \"{value}\": {detail}");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
