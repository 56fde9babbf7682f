using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// A SPDY name/value header block: lower-case names, each with one or more values (sent NUL-separated under one
/// name), in the order first added.
/// </summary>
public sealed class SpdyHeaders : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly List<KeyValuePair<string, List<string>>> _entries = [];

    /// <summary>Number of distinct names.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a value under <paramref name="name"/> (lower-cased, as SPDY requires).</summary>
    public SpdyHeaders Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var key = name.ToLowerInvariant();
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                entry.Value.Add(value);
                return this;
            }
        }

        _entries.Add(new(key, [value]));
        return this;
    }

    /// <summary>The first value of <paramref name="name"/> (matched case-insensitively), or null.</summary>
    public string? Get(string name)
    {
        var values = GetValues(name);
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>All values of <paramref name="name"/> (matched case-insensitively).</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var key = name.ToLowerInvariant();
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return [];
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            yield return new(entry.Key, entry.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The uncompressed block: a 32-bit pair count, then length-prefixed names and NUL-joined values.</summary>
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, _entries.Count);
        buffer.Write(number);
        foreach (var entry in _entries)
        {
            WriteString(buffer, entry.Key, number);
            WriteString(buffer, string.Join('\0', entry.Value), number);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Parses an uncompressed block. Every length is checked against what is left, so a hostile block costs no more
    /// than its own size. Throws <see cref="SpdyProtocolException"/> (a stream error on <paramref name="streamId"/>)
    /// for a malformed block or an empty name.
    /// </summary>
    public static SpdyHeaders Decode(ReadOnlySpan<byte> block, int streamId)
    {
        var headers = new SpdyHeaders();
        var count = ReadLength(ref block, streamId);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(ref block, streamId);
            if (name.Length == 0)
            {
                throw new SpdyProtocolException("A header name is empty.", streamId, SpdyStatusCode.ProtocolError);
            }

            foreach (var value in ReadString(ref block, streamId).Split('\0'))
            {
                headers.Add(name, value);
            }
        }

        if (!block.IsEmpty)
        {
            throw new SpdyProtocolException("The header block has bytes after its last pair.", streamId, SpdyStatusCode.ProtocolError);
        }

        return headers;
    }

    private static void WriteString(MemoryStream buffer, string text, Span<byte> number)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length);
        buffer.Write(number);
        buffer.Write(bytes);
    }

    private static int ReadLength(ref ReadOnlySpan<byte> block, int streamId)
    {
        if (block.Length < 4)
        {
            throw new SpdyProtocolException("The header block is truncated.", streamId, SpdyStatusCode.ProtocolError);
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(block);
        block = block[4..];
        // Each pair needs at least 8 bytes, each string its own length: anything larger than the rest is a lie.
        if (value > (uint)block.Length)
        {
            throw new SpdyProtocolException("A header block length exceeds the block.", streamId, SpdyStatusCode.ProtocolError);
        }

        return (int)value;
    }

    private static string ReadString(ref ReadOnlySpan<byte> block, int streamId)
    {
        var length = ReadLength(ref block, streamId);
        var text = Encoding.UTF8.GetString(block[..length]);
        block = block[length..];
        return text;
    }
}
