using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Store;

/// <summary>
/// Builds a <see cref="JsonNode"/> tree from UTF-8 JSON in one pass, the way Kubernetes decodes: a duplicate
/// member keeps its last value (and is reported, for field validation), and malformed text — including invalid
/// UTF-8 inside strings — fails with a <see cref="JsonException"/> right here rather than later when the tree is used.
/// Member names are shared (<see cref="JsonPropertyNames"/>); member paths are only built when duplicates are collected.
/// </summary>
public static class JsonTreeReader
{
    private const int MaxDepth = 256;

    /// <summary>Parses one JSON value; <paramref name="duplicates"/>, when given, receives the paths of duplicate members.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> json, List<string>? duplicates = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                throw new JsonException("unexpected end of JSON input");
            }
            var node = ReadValue(ref reader, duplicates is null ? null : "", duplicates);
            if (reader.Read())
            {
                throw new JsonException("invalid character after top-level value");
            }
            return node;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>Reads the value at the reader; <paramref name="path"/> is null when no duplicates are collected.</summary>
    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string? path, List<string>? duplicates)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = JsonPropertyNames.Read(ref reader);
                    reader.Read();
                    var childPath = path is null ? null : path.Length == 0 ? name : path + "." + name;
                    var value = ReadValue(ref reader, childPath, duplicates);
                    if (obj.ContainsKey(name))
                    {
                        duplicates?.Add(childPath!);
                        obj.Remove(name);
                    }
                    obj.Add(name, value);
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, path is null ? null : $"{path}[{index}]", duplicates));
                    index++;
                }
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                using (var number = JsonDocument.ParseValue(ref reader))
                {
                    return JsonValue.Create(number.RootElement.Clone());
                }
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }
}
