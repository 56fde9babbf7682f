using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Http;

/// <summary>Turns a request's namespace and selectors into an <see cref="ObjectFilter"/>.</summary>
public static class FilterCompiler
{
    /// <summary>Compiles the filter; 400 BadRequest for malformed selectors or unsupported field labels.</summary>
    public static ObjectFilter Compile(string? ns, string? labelSelector, string? fieldSelector, IReadOnlySet<string> supportedFields)
    {
        var labels = ParseLabels(labelSelector);
        var fields = ParseFields(fieldSelector, supportedFields);
        string? exactName = null;
        foreach (var (field, op, value) in fields)
        {
            if (field == "metadata.name" && op == "=")
            {
                exactName = value;
            }
        }
        Func<CachedObject, bool>? predicate = labels.Count == 0 && fields.Count == 0
            ? null
            : obj => MatchesLabels(labels, obj.Labels) && MatchesFields(fields, obj.Fields);
        return new ObjectFilter(ns, predicate, exactName);
    }

    private static List<(string Key, string Op, string Value)> ParseLabels(string? selector)
    {
        var result = new List<(string, string, string)>();
        if (string.IsNullOrWhiteSpace(selector))
        {
            return result;
        }
        foreach (var part in selector.Split(','))
        {
            var text = part.Trim();
            var notEqual = text.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                result.Add((text[..notEqual].Trim(), "!=", text[(notEqual + 2)..].Trim()));
                continue;
            }
            var equal = text.IndexOf('=', StringComparison.Ordinal);
            if (equal > 0)
            {
                result.Add((text[..equal].Trim(), "=", text[(equal + 1)..].TrimStart('=').Trim()));
                continue;
            }
            if (text.StartsWith('!'))
            {
                result.Add((text[1..], "!", ""));
                continue;
            }
            result.Add((text, "exists", ""));
        }
        return result;
    }

    private static List<(string Field, string Op, string Value)> ParseFields(string? selector, IReadOnlySet<string> supported)
    {
        var result = new List<(string, string, string)>();
        if (string.IsNullOrWhiteSpace(selector))
        {
            return result;
        }
        foreach (var part in selector.Split(','))
        {
            var text = part.Trim();
            var notEqual = text.IndexOf("!=", StringComparison.Ordinal);
            var equal = text.IndexOf('=', StringComparison.Ordinal);
            (string field, string op, string value) requirement = notEqual > 0
                ? (text[..notEqual], "!=", text[(notEqual + 2)..])
                : equal > 0
                    ? (text[..equal], "=", text[(equal + 1)..].TrimStart('='))
                    : throw StatusErrors.BadRequest($"invalid selector: '{selector}'; can't understand '{text}'");
            if (!supported.Contains(requirement.field))
            {
                throw StatusErrors.BadRequest($"field label not supported: {requirement.field}");
            }
            result.Add(requirement);
        }
        return result;
    }

    private static bool MatchesLabels(List<(string Key, string Op, string Value)> requirements, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, op, value) in requirements)
        {
            var has = labels.TryGetValue(key, out var actual);
            var ok = op switch
            {
                "=" => has && actual == value,
                "!=" => !has || actual != value,
                "!" => !has,
                _ => has,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool MatchesFields(List<(string Field, string Op, string Value)> requirements, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (field, op, value) in requirements)
        {
            var actual = fields.TryGetValue(field, out var v) ? v : "";
            if (op == "=" ? actual != value : actual == value)
            {
                return false;
            }
        }
        return true;
    }
}
