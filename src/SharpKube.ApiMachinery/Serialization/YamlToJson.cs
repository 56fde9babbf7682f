using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SharpKube.ApiMachinery.Serialization;

/// <summary>
/// Converts YAML (the first document of a stream) to JSON the way Kubernetes reads manifests: plain
/// scalars become null, booleans, integers or floats when they look like one, everything else a string.
/// </summary>
public static class YamlToJson
{
    /// <summary>Converts UTF-8 YAML to UTF-8 JSON. Throws <see cref="FormatException"/> for malformed YAML.</summary>
    public static byte[] Convert(ReadOnlySpan<byte> yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(yaml)));
        }
        catch (YamlException e)
        {
            throw new FormatException(e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // The YAML parser reports some malformed input (an unterminated flow collection) this way.
            throw new FormatException("malformed YAML", e);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (stream.Documents.Count == 0)
            {
                writer.WriteNullValue();
            }
            else
            {
                Write(writer, stream.Documents[0].RootNode);
            }
        }
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString());
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain && scalar.Style is not ScalarStyle.Any)
        {
            writer.WriteStringValue(text);
            return;
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                writer.WriteBooleanValue(false);
                return;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && !(text.Length > 1 && text[0] == '0'))
        {
            writer.WriteNumberValue(integer);
            return;
        }
        if (text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7'))
        {
            // YAML 1.1 octal, as in file modes: 0644.
            writer.WriteNumberValue(System.Convert.ToInt64(text, 8));
            return;
        }
        if (text.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            writer.WriteNumberValue(hex);
            return;
        }
        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real) && text.Any(char.IsDigit))
        {
            writer.WriteNumberValue(real);
            return;
        }
        writer.WriteStringValue(text);
    }
}
