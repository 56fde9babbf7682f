using System.Globalization;
using System.Text;

namespace SharpKube.ApiMachinery.HttpStream;

/// <summary>
/// The status line and headers of an HTTP/1.1 response read from a raw connection, and the bytes read past them
/// (the start of the upgraded stream, or of the body).
/// </summary>
public sealed class UpgradeResponseHead
{
    private const int MaxHeadBytes = 64 * 1024;

    private UpgradeResponseHead(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> rest)
    {
        StatusCode = statusCode;
        Headers = headers;
        Rest = rest;
    }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The headers in the order received; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>What was read after the blank line ending the head.</summary>
    public ReadOnlyMemory<byte> Rest { get; }

    /// <summary>The value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>
    /// Reads the body that follows a refusal, up to <paramref name="maxBytes"/>: <c>Content-Length</c> bytes, a chunked
    /// body, or what arrives until the connection closes. A connection failing midway ends the body.
    /// </summary>
    public async Task<byte[]> ReadBodyAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        received.Write(Rest.Span);
        var chunked = Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        long? length = long.TryParse(Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : null;
        var buffer = new byte[8192];
        try
        {
            while (received.Length < (length ?? long.MaxValue) && received.Length < maxBytes + 64 && !(chunked && EndsChunked(received)))
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // What arrived is the body.
        }
        var body = chunked ? Dechunk(received.ToArray()) : received.ToArray();
        return body.Length > maxBytes ? body[..maxBytes] : body;
    }

    private static bool EndsChunked(MemoryStream received) => received.GetBuffer().AsSpan(0, (int)received.Length).EndsWith("0\r\n\r\n"u8);

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }
            var sizeText = Encoding.Latin1.GetString(chunked, at, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }
            at += lineEnd + 2;
            body.Write(chunked, at, Math.Min(size, chunked.Length - at));
            at += size + 2;
        }
        return body.ToArray();
    }

    /// <summary>Reads a response head from <paramref name="stream"/>.</summary>
    /// <exception cref="IOException">The connection closed first, or the head is malformed or too large.</exception>
    public static async Task<UpgradeResponseHead> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Parse(Encoding.Latin1.GetString(buffer, 0, end), buffer.AsMemory(end + 4, length - end - 4));
            }
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxHeadBytes)
                {
                    throw new IOException("the response head is too large");
                }
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the connection closed before a response arrived");
            }
            length += read;
        }
    }

    private static UpgradeResponseHead Parse(string head, ReadOnlyMemory<byte> rest)
    {
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new IOException($"malformed status line \"{lines[0]}\"");
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
        return new UpgradeResponseHead(code, headers, rest);
    }
}
