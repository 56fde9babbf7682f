using System.Text.Json;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// The strict decoding errors of a JSON body as upstream's decoder reports them: in document order, each
/// <c>unknown field "spec.foo"</c> once, at its first occurrence, and each <c>duplicate field "metadata.name"</c>
/// once, at its first repetition. A member that is both unknown and repeated is reported as unknown only; inside
/// maps and values without a schema every repeated key is a duplicate.
/// </summary>
public static class StrictJsonFields
{
    private const int MaxDepth = 256;

    /// <summary>
    /// The errors of <paramref name="json"/> read as an instance of <paramref name="modelType"/> (a KubernetesClient
    /// model), or only its duplicates when <paramref name="modelType"/> is null. Malformed JSON yields what was found
    /// before the fault: the parser that reads the body reports the fault itself.
    /// </summary>
    public static List<string> Find(ReadOnlySpan<byte> json, Type? modelType)
    {
        var errors = new List<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (reader.Read())
            {
                ReadValue(ref reader, modelType, "", errors);
            }
        }
        catch (JsonException)
        {
            // Reported by the body's parser.
        }
        return errors;
    }

    /// <summary>Reads one value, the reader being on its first token; leaves the reader on its last token.</summary>
    private static void ReadValue(ref Utf8JsonReader reader, Type? type, string path, List<string> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                ReadObject(ref reader, type, path, errors);
                break;
            case JsonTokenType.StartArray:
                var itemType = type is null ? null : UnknownFields.ShapeOf(type).ListItem;
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadValue(ref reader, itemType, $"{path}[{index++}]", errors);
                }
                break;
        }
    }

    private static void ReadObject(ref Utf8JsonReader reader, Type? type, string path, List<string> errors)
    {
        // A map's values share one type; a model's members each have theirs; anything else has no schema.
        var shape = type is null ? null : UnknownFields.ShapeOf(type);
        var valueType = shape?.MapValue;
        var properties = valueType is not null ? null : shape?.Properties;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? reported = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var memberPath = UnknownFields.Join(path, name);
            reader.Read();
            var memberType = valueType;
            if (properties is not null && !properties.TryGetValue(name, out memberType))
            {
                if (seen.Add(name))
                {
                    errors.Add($"unknown field \"{memberPath}\"");
                }
                reader.Skip();
                continue;
            }
            if (!seen.Add(name) && (reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
            {
                errors.Add($"duplicate field \"{memberPath}\"");
            }
            ReadValue(ref reader, memberType, memberPath, errors);
        }
    }
}
