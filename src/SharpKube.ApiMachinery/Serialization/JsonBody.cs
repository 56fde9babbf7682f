using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Serialization;

/// <summary>Builds compact JSON response bodies that are written once and served many times.</summary>
internal static class JsonBody
{
    // Relaxed escaping keeps '+', '<', '>' and '&' literal, as Go's encoder does for the strings we emit
    // (storage version hashes contain '+'); these bodies are served as application/json, never as HTML.
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a property whose value is an array of strings.</summary>
    public static void WriteStringArray(Utf8JsonWriter writer, string propertyName, IEnumerable<string> values)
    {
        writer.WriteStartArray(propertyName);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
