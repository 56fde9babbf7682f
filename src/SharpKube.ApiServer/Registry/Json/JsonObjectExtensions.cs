using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Registry.Json;

/// <summary>
/// Typed reads and Go-style defaulting over client-sent JSON trees. Reads tolerate wrong types (they answer
/// null) because type errors are the decoder's business, not the strategy's; writes never replace a value of
/// the wrong type, so nothing the client sent is lost.
/// </summary>
internal static class JsonObjectExtensions
{
    /// <summary>The object under <paramref name="key"/>, or null when absent or not an object.</summary>
    public static JsonObject? GetObject(this JsonObject obj, string key) => obj[key] as JsonObject;

    /// <summary>The array under <paramref name="key"/>, or null when absent or not an array.</summary>
    public static JsonArray? GetArray(this JsonObject obj, string key) => obj[key] as JsonArray;

    /// <summary>The string under <paramref name="key"/>, or null when absent or not a string.</summary>
    public static string? GetString(this JsonObject obj, string key) => AsString(obj[key]);

    /// <summary>The string under <paramref name="key"/>, or "" when absent (Go's zero value).</summary>
    public static string GetStringOrEmpty(this JsonObject obj, string key) => AsString(obj[key]) ?? "";

    /// <summary>The integer under <paramref name="key"/>, or null when absent or not an integer.</summary>
    public static long? GetInt64(this JsonObject obj, string key) => AsInt64(obj[key]);

    /// <summary>The boolean under <paramref name="key"/>, or null when absent or not a boolean.</summary>
    public static bool? GetBoolean(this JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    /// <summary>True when the key is present with a non-null value.</summary>
    public static bool Has(this JsonObject obj, string key) => obj[key] is not null;

    /// <summary>
    /// The object under <paramref name="key"/>, created when absent or null. When the key holds a value of
    /// another type it is left alone and a detached object is returned, so defaults written to it go nowhere.
    /// </summary>
    public static JsonObject EnsureObject(this JsonObject obj, string key)
    {
        switch (obj[key])
        {
            case JsonObject existing:
                return existing;
            case null:
                var created = new JsonObject();
                obj[key] = created;
                return created;
            default:
                return [];
        }
    }

    /// <summary>Sets the value when the key is absent or null (a nil pointer in Go).</summary>
    public static void SetIfAbsent(this JsonObject obj, string key, JsonNode value)
    {
        if (obj[key] is null)
        {
            obj[key] = value.AsParsed();
        }
    }

    /// <summary>
    /// The value as if a client had sent it: backed by parsed JSON, so numbers read as any numeric type
    /// (<c>GetValue&lt;long&gt;()</c> on a value built from an <c>int</c> would throw).
    /// </summary>
    public static JsonNode AsParsed(this JsonNode value) => JsonNode.Parse(value.ToJsonString())!;

    /// <summary>A number backed by parsed JSON (see <see cref="AsParsed"/>).</summary>
    public static JsonNode Number(long value) => JsonNode.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

    /// <summary>Adds the key with a JSON null when it is missing (how Go serializes a zero timestamp).</summary>
    public static void AddNullIfMissing(this JsonObject obj, string key)
    {
        if (!obj.ContainsKey(key))
        {
            obj[key] = null;
        }
    }

    /// <summary>Sets the string when the key is absent, null or "" (an empty Go string).</summary>
    public static void SetIfEmpty(this JsonObject obj, string key, string value)
    {
        var node = obj[key];
        if (node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
        {
            obj[key] = value;
        }
    }

    /// <summary>Sets the number when the key is absent, null or 0 (a zero Go integer).</summary>
    public static void SetIfZero(this JsonObject obj, string key, long value)
    {
        var node = obj[key];
        if (node is null || AsInt64(node) == 0)
        {
            obj[key] = Number(value);
        }
    }

    /// <summary>The items of an array that are objects, with their indexes.</summary>
    public static IEnumerable<(int Index, JsonObject Item)> ObjectItems(this JsonArray? array)
    {
        if (array is null)
        {
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                yield return (i, item);
            }
        }
    }

    /// <summary>The items of an array that are strings, with their indexes.</summary>
    public static IEnumerable<(int Index, string Item)> StringItems(this JsonArray? array)
    {
        if (array is null)
        {
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (AsString(array[i]) is { } item)
            {
                yield return (i, item);
            }
        }
    }

    /// <summary>The string entries of a JSON object used as a <c>map[string]string</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> StringEntries(this JsonObject? map)
    {
        if (map is null)
        {
            yield break;
        }
        foreach (var (key, value) in map)
        {
            yield return new(key, AsString(value) ?? "");
        }
    }

    /// <summary>The number of items of an array, 0 when absent.</summary>
    public static int CountOf(this JsonArray? array) => array?.Count ?? 0;

    /// <summary>The node as a string, or null.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The node as an integer, or null when it is not an integral number.</summary>
    public static long? AsInt64(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        if (v.TryGetValue(out long l))
        {
            return l;
        }
        if (v.TryGetValue(out int i))
        {
            return i;
        }
        if (v.TryGetValue(out double d) && Math.Floor(d) == d && Math.Abs(d) < 9e18)
        {
            return (long)d;
        }
        return long.TryParse(v.ToJsonString(), out var parsed) ? parsed : null;
    }
}
