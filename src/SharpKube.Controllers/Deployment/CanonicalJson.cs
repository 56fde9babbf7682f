using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// A model's JSON in one canonical form: object keys in ordinal order, and nulls, empty objects and empty arrays
/// left out (the API treats an absent field, a null and an empty collection alike, as upstream's semantic equality
/// does). Equal objects give equal bytes, whatever order their fields arrived in.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>The canonical UTF-8 JSON of <paramref name="value"/>.</summary>
    public static byte[] Serialize(object value)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(value));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj.Where(p => !IsEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, child);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(p => IsEmpty(p.Value)),
        JsonArray array => array.Count == 0,
        _ => false,
    };
}
