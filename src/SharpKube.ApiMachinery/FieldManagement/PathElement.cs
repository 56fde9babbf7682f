using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// Path elements in their FieldsV1 spelling: <c>f:&lt;field&gt;</c> for a struct field or map key,
/// <c>k:{…}</c> for an item of a keyed list (its key fields, sorted by name, as compact JSON),
/// <c>v:&lt;json&gt;</c> for an item of a set, and <c>i:&lt;n&gt;</c> for a list index.
/// </summary>
public static class PathElement
{
    /// <summary>
    /// Orders elements as managedFields lists them: fields, then keys, values and indexes. Each comparer caches the
    /// JSON it parses, so make one per sort.
    /// </summary>
    public static IComparer<string> NewComparer() => new ElementComparer();

    /// <summary>The element of struct field or map key <paramref name="name"/>.</summary>
    public static string Field(string name) => "f:" + name;

    /// <summary>The element of a set item (a scalar).</summary>
    public static string Value(JsonNode? item) => "v:" + Compact(item);

    /// <summary>The element of list index <paramref name="index"/>.</summary>
    public static string Index(int index) => "i:" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The element of a keyed-list item from its key fields, given as (name, value) pairs.</summary>
    public static string Key(IEnumerable<KeyValuePair<string, JsonNode?>> keyFields)
    {
        var builder = new StringBuilder("k:{");
        var first = true;
        foreach (var (name, value) in keyFields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append(',');
            }
            first = false;
            builder.Append(JsonSerializer.Serialize(name)).Append(':').Append(Compact(value));
        }
        return builder.Append('}').ToString();
    }

    /// <summary>Whether <paramref name="element"/> is a well-formed path element.</summary>
    public static bool IsValid(string element)
    {
        if (element.Length < 2 || element[1] != ':')
        {
            return false;
        }
        var rest = element.AsSpan(2);
        switch (element[0])
        {
            case 'f':
                return true;
            case 'i':
                return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            case 'k':
            case 'v':
                return IsJson(element.AsSpan(2), requireObject: element[0] == 'k');
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="text"/> is one JSON value (an object when asked), checked without building it.</summary>
    private static bool IsJson(ReadOnlySpan<char> text, bool requireObject)
    {
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length));
            if (!reader.Read() || (requireObject && reader.TokenType != JsonTokenType.StartObject))
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// The element as the field path of a conflict message: <c>.name</c>, <c>[name="app"]</c>, <c>[=value]</c>
    /// or <c>[0]</c>.
    /// </summary>
    public static string Describe(string element)
    {
        var rest = element[2..];
        switch (element[0])
        {
            case 'f':
                return "." + rest;
            case 'i':
                return "[" + rest + "]";
            case 'v':
                return "[=" + rest + "]";
            default:
                var fields = JsonNode.Parse(rest) as JsonObject ?? [];
                return "[" + string.Join(",", fields.Select(f => f.Key + "=" + Compact(f.Value))) + "]";
        }
    }

    /// <summary>A whole path as a conflict message field: <c>.spec.template.spec.containers[name="app"].image</c>.</summary>
    public static string Describe(IEnumerable<string> path) => string.Concat(path.Select(Describe));

    private static string Compact(JsonNode? node) => node?.ToJsonString(CompactJson) ?? "null";

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class ElementComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            var byKind = Rank(x![0]).CompareTo(Rank(y![0]));
            if (byKind != 0)
            {
                return byKind;
            }
            return x[0] switch
            {
                'f' => string.CompareOrdinal(x, y),
                'i' => int.Parse(x.AsSpan(2), CultureInfo.InvariantCulture).CompareTo(int.Parse(y.AsSpan(2), CultureInfo.InvariantCulture)),
                'k' => CompareKeys(x, y),
                _ => CompareValues(Parsed(x), Parsed(y)),
            };
        }

        private readonly Dictionary<string, JsonNode?> _parsed = new(StringComparer.Ordinal);

        private JsonNode? Parsed(string element)
        {
            if (!_parsed.TryGetValue(element, out var node))
            {
                node = JsonNode.Parse(element.AsSpan(2).ToString());
                _parsed.Add(element, node);
            }
            return node;
        }

        private static int Rank(char kind) => kind switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };

        private int CompareKeys(string x, string y)
        {
            var left = (JsonObject)Parsed(x)!;
            var right = (JsonObject)Parsed(y)!;
            var count = Math.Min(left.Count, right.Count);
            for (var i = 0; i < count; i++)
            {
                var (leftName, leftValue) = left.ElementAt(i);
                var (rightName, rightValue) = right.ElementAt(i);
                var byName = string.CompareOrdinal(leftName, rightName);
                if (byName != 0)
                {
                    return byName;
                }
                var byValue = CompareValues(leftValue, rightValue);
                if (byValue != 0)
                {
                    return byValue;
                }
            }
            return left.Count.CompareTo(right.Count);
        }

        private static int CompareValues(JsonNode? x, JsonNode? y)
        {
            if (x is JsonValue a && y is JsonValue b)
            {
                if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
                {
                    return a.GetValue<double>().CompareTo(b.GetValue<double>());
                }
                if (a.GetValueKind() == JsonValueKind.String && b.GetValueKind() == JsonValueKind.String)
                {
                    return string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>());
                }
            }
            return string.CompareOrdinal(Compact(x), Compact(y));
        }
    }
}
