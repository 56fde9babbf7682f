using System.Buffers.Text;
using System.Text.Json;

namespace SharpKube.ApiServer.Store;

/// <summary>
/// Objects are stored without <c>metadata.resourceVersion</c> (it is the store's modRevision, known only
/// after the write). This inserts it into the stored JSON as the first member of <c>metadata</c>
/// without parsing the whole document.
/// </summary>
public static class ResourceVersionSplicer
{
    private static readonly byte[] PropertyStart = "\"resourceVersion\":\""u8.ToArray();

    /// <summary>Returns <paramref name="stored"/> with <c>metadata.resourceVersion</c> set to <paramref name="revision"/>.</summary>
    public static byte[] Splice(ReadOnlySpan<byte> stored, long revision)
    {
        var insertAt = FindMetadataContentStart(stored, out var metadataEmpty);
        if (insertAt < 0)
        {
            throw new FormatException("stored object has no metadata object");
        }
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(revision, digits, out var digitCount);
        var extra = PropertyStart.Length + digitCount + 1 + (metadataEmpty ? 0 : 1);
        var result = new byte[stored.Length + extra];
        stored[..insertAt].CopyTo(result);
        var position = insertAt;
        PropertyStart.CopyTo(result.AsSpan(position));
        position += PropertyStart.Length;
        digits[..digitCount].CopyTo(result.AsSpan(position));
        position += digitCount;
        result[position++] = (byte)'"';
        if (!metadataEmpty)
        {
            result[position++] = (byte)',';
        }
        stored[insertAt..].CopyTo(result.AsSpan(position));
        return result;
    }

    /// <summary>
    /// Returns <paramref name="json"/> (an object that already carries <c>metadata.resourceVersion</c>)
    /// with the resourceVersion replaced by <paramref name="revision"/>.
    /// </summary>
    public static byte[] Replace(ReadOnlySpan<byte> json, long revision)
    {
        var start = FindMetadataContentStart(json, out var empty);
        if (start < 0 || empty)
        {
            throw new FormatException("object has no metadata.resourceVersion");
        }
        var reader = new Utf8JsonReader(json[(start - 1)..]);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResourceVersion = reader.ValueTextEquals("resourceVersion"u8);
            reader.Read();
            if (isResourceVersion)
            {
                var valueStart = start - 1 + (int)reader.TokenStartIndex;
                var valueEnd = valueStart + (int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) + 2;
                var without = new byte[json.Length - (valueEnd - valueStart) + 2];
                json[..valueStart].CopyTo(without);
                without[valueStart] = (byte)'"';
                without[valueStart + 1] = (byte)'"';
                json[valueEnd..].CopyTo(without.AsSpan(valueStart + 2));
                return SpliceValue(without, valueStart + 1, revision);
            }
            reader.Skip();
        }
        throw new FormatException("object has no metadata.resourceVersion");
    }

    private static byte[] SpliceValue(byte[] json, int at, long revision)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(revision, digits, out var digitCount);
        var result = new byte[json.Length + digitCount];
        json.AsSpan(0, at).CopyTo(result);
        digits[..digitCount].CopyTo(result.AsSpan(at));
        json.AsSpan(at).CopyTo(result.AsSpan(at + digitCount));
        return result;
    }

    /// <summary>The offset just after the '{' of the top-level metadata object, or -1.</summary>
    private static int FindMetadataContentStart(ReadOnlySpan<byte> json, out bool empty)
    {
        var reader = new Utf8JsonReader(json);
        empty = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return -1;
        }
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                return -1;
            }
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex + 1;
                reader.Read();
                empty = reader.TokenType == JsonTokenType.EndObject;
                return start;
            }
            reader.Skip();
        }
        return -1;
    }
}
