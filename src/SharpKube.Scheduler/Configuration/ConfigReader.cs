using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Configuration;

/// <summary>
/// Reads fields of a decoded configuration strictly, as upstream decodes this file: an unknown field, or a value of
/// the wrong type, is an error naming its path (<c>profiles[0].plugins.score.enabled[1].weight</c>). Errors are
/// collected so one run reports them all.
/// </summary>
internal sealed class ConfigReader
{
    /// <summary>The problems found so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The path of <paramref name="field"/> under <paramref name="parent"/>.</summary>
    public static string Path(string parent, string field) => parent.Length == 0 ? field : parent + "." + field;

    /// <summary>Records an unknown-field error for each field of <paramref name="obj"/> not in <paramref name="known"/>.</summary>
    public void OnlyFields(JsonObject obj, string path, params string[] known)
    {
        foreach (var (name, _) in obj)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Errors.Add($"strict decoding error: unknown field \"{Path(path, name)}\"");
            }
        }
    }

    /// <summary>The object at <paramref name="field"/> (null when absent or not an object, the latter an error).</summary>
    public JsonObject? Object(JsonObject parent, string field, string path) => Value(parent, field) switch
    {
        null => null,
        JsonObject obj => obj,
        var other => TypeError<JsonObject>(Path(path, field), other, "an object"),
    };

    /// <summary>The array at <paramref name="field"/> (null when absent).</summary>
    public JsonArray? Array(JsonObject parent, string field, string path) => Value(parent, field) switch
    {
        null => null,
        JsonArray array => array,
        var other => TypeError<JsonArray>(Path(path, field), other, "a list"),
    };

    /// <summary>The string at <paramref name="field"/> (null when absent).</summary>
    public string? String(JsonObject parent, string field, string path) =>
        Scalar(parent, field, path, JsonValueKind.String, "a string") is { } value ? value.GetValue<string>() : null;

    /// <summary>The boolean at <paramref name="field"/> (null when absent).</summary>
    public bool? Bool(JsonObject parent, string field, string path) =>
        Scalar(parent, field, path, JsonValueKind.True, "a boolean")?.GetValue<bool>();

    /// <summary>The 32-bit integer at <paramref name="field"/> (null when absent).</summary>
    public int? Int(JsonObject parent, string field, string path)
    {
        if (Scalar(parent, field, path, JsonValueKind.Number, "an integer") is not { } value)
        {
            return null;
        }
        if (value.TryGetValue<int>(out var number))
        {
            return number;
        }
        Errors.Add($"{Path(path, field)}: Invalid value: {value.ToJsonString()}: must be an integer");
        return null;
    }

    /// <summary>The number at <paramref name="field"/> (null when absent).</summary>
    public double? Number(JsonObject parent, string field, string path) =>
        Scalar(parent, field, path, JsonValueKind.Number, "a number")?.GetValue<double>();

    /// <summary>The Go duration at <paramref name="field"/> (null when absent).</summary>
    public TimeSpan? Duration(JsonObject parent, string field, string path)
    {
        if (String(parent, field, path) is not { } text)
        {
            return null;
        }
        if (GoDuration.TryParse(text, out var duration))
        {
            return duration;
        }
        Errors.Add($"{Path(path, field)}: Invalid value: \"{text}\": time: invalid duration \"{text}\"");
        return null;
    }

    private static JsonNode? Value(JsonObject parent, string field) => parent[field];

    private JsonValue? Scalar(JsonObject parent, string field, string path, JsonValueKind kind, string what)
    {
        var node = Value(parent, field);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && (value.GetValueKind() == kind
            || (kind == JsonValueKind.True && value.GetValueKind() == JsonValueKind.False)))
        {
            return value;
        }
        return TypeError<JsonValue>(Path(path, field), node, what);
    }

    private T? TypeError<T>(string path, JsonNode node, string what)
        where T : class
    {
        Errors.Add($"{path}: Invalid value: {node.ToJsonString()}: must be {what}");
        return null;
    }
}
