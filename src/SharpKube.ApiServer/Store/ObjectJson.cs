using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Store;

/// <summary>Reading and writing objects as JSON trees, and the metadata fields the generic store manages.</summary>
public static class ObjectJson
{
    /// <summary>Writer options: compact, non-ASCII kept as is.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Serializer options matching <see cref="WriterOptions"/>.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Parses a JSON object; throws <see cref="JsonException"/> when it is not one. Duplicate members keep their
    /// last value; their paths go to <paramref name="duplicates"/> when given.
    /// </summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> json, List<string>? duplicates = null) =>
        JsonTreeReader.Parse(json, duplicates) as JsonObject ?? throw new JsonException("expected a JSON object");

    /// <summary>Serializes a node compactly to UTF-8.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The object's <c>metadata</c>, created when absent.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>A string member of an object, or null when absent or not a string.</summary>
    public static string? GetString(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : null;

    /// <summary>An integer member of an object, or null when absent or not an integer.</summary>
    public static long? GetInt64(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<long>(out var n)
            ? n
            : null;

    /// <summary>Formats a time as Kubernetes does (RFC 3339, seconds, UTC).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when two nodes serialize identically.</summary>
    public static bool SameJson(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
