using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SharpKube.ApiMachinery.Serialization;

/// <summary>
/// Converts YAML (the first document of a stream) to JSON the way Kubernetes reads manifests: plain
/// scalars become null, booleans, integers or floats when they look like one, everything else a string. A key
/// repeated in one mapping keeps its last value, as upstream's decoding does, and is reported for field validation
/// with upstream's wording (<c>line 5: key "name" already set in map</c>).
/// </summary>
public static class YamlToJson
{
    /// <summary>Converts UTF-8 YAML to UTF-8 JSON. Throws <see cref="FormatException"/> for malformed YAML.</summary>
    public static byte[] Convert(ReadOnlySpan<byte> yaml) => Convert(yaml, null);

    /// <summary>
    /// Converts UTF-8 YAML to UTF-8 JSON; each repeated mapping key goes to <paramref name="duplicateKeys"/>, when
    /// given, as <c>line N: key "k" already set in map</c> (N is the 1-based line of the repetition).
    /// Throws <see cref="FormatException"/> for malformed YAML.
    /// </summary>
    public static byte[] Convert(ReadOnlySpan<byte> yaml, List<string>? duplicateKeys)
    {
        JsonNode? root;
        try
        {
            root = new TreeBuilder(new Parser(new StringReader(Encoding.UTF8.GetString(yaml))), duplicateKeys).ReadFirstDocument();
        }
        catch (YamlException e)
        {
            throw new FormatException(e.Message, e);
        }
        catch (Exception e) when (e is InvalidOperationException or EndOfStreamException)
        {
            // The YAML parser reports some malformed input (an unterminated flow collection) this way.
            throw new FormatException("malformed YAML", e);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (root is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                root.WriteTo(writer);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Builds a JSON tree from the parser's events (rather than YamlDotNet's representation model, which refuses
    /// repeated keys), resolving anchors and aliases by copying the anchored value.
    /// </summary>
    private sealed class TreeBuilder(IParser parser, List<string>? duplicateKeys)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);

        public JsonNode? ReadFirstDocument()
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }
            return ReadNode();
        }

        private JsonNode? ReadNode()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored?.DeepClone()
                    : throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}'");
            }
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                return Remember(scalar.Anchor, ScalarValue(scalar.Value, scalar.Style));
            }
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode());
                }
                return Remember(sequenceStart.Anchor, array);
            }
            var mappingStart = parser.Consume<MappingStart>();
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var key = KeyText(ReadNode());
                var value = ReadNode();
                if (obj.ContainsKey(key))
                {
                    duplicateKeys?.Add($"line {keyStart.Line}: key \"{key}\" already set in map");
                }
                obj[key] = value;
            }
            return Remember(mappingStart.Anchor, obj);
        }

        private JsonNode? Remember(AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            return node;
        }

        private static string KeyText(JsonNode? key) => key switch
        {
            null => "null",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => key.ToJsonString(),
        };

    }

    private static JsonNode? ScalarValue(string text, ScalarStyle style)
    {
        if (style is not ScalarStyle.Plain && style is not ScalarStyle.Any)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && !(text.Length > 1 && text[0] == '0'))
        {
            return JsonValue.Create(integer);
        }
        if (text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7'))
        {
            // YAML 1.1 octal, as in file modes: 0644.
            return JsonValue.Create(System.Convert.ToInt64(text, 8));
        }
        if (text.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real) && text.Any(char.IsDigit))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }
}
