using System.Globalization;
using System.Text;

namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// The client half of the HTTP/1.1 upgrade to SPDY/3.1 that Kubernetes streaming endpoints accept (kubelet and CRI
/// /exec, /attach, /portforward): <c>POST</c> with <c>Connection: Upgrade</c>, <c>Upgrade: SPDY/3.1</c> and one
/// <c>X-Stream-Protocol-Version</c> per offered protocol; the server answers 101 naming the one it chose, and the same
/// connection then carries SPDY frames.
/// </summary>
public static class SpdyUpgrade
{
    /// <summary>The header that offers and names the stream sub-protocol.</summary>
    public const string ProtocolHeader = "X-Stream-Protocol-Version";

    private const int MaxResponseHeadSize = 64 * 1024;

    /// <summary>
    /// Performs the handshake over <paramref name="transport"/> (already connected, TLS if wanted) and returns the
    /// protocol the server chose together with the same stream, positioned at the first SPDY byte. A non-101 answer
    /// throws <see cref="SpdyUpgradeException"/> carrying its status and (bounded) body.
    /// </summary>
    /// <param name="transport">The connected stream; the response head is read byte by byte so nothing past it is consumed.</param>
    /// <param name="target">The URL (its authority goes in Host, its path and query in the request line).</param>
    /// <param name="protocols">The sub-protocols offered, in preference order (e.g. <c>v4.channel.k8s.io</c>).</param>
    /// <param name="headers">Extra request headers (authorization, …); may be null.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    public static async Task<SpdyUpgradeResult> ConnectAsync(
        Stream transport,
        Uri target,
        IReadOnlyList<string> protocols,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"POST {target.PathAndQuery} HTTP/1.1\r\n");
        request.Append(CultureInfo.InvariantCulture, $"Host: {target.Authority}\r\n");
        request.Append("Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nContent-Length: 0\r\n");
        foreach (var protocol in protocols)
        {
            request.Append(CultureInfo.InvariantCulture, $"{ProtocolHeader}: {protocol}\r\n");
        }

        foreach (var header in headers ?? [])
        {
            if (header.Key.Contains('\n') || header.Value.Contains('\n') || header.Value.Contains('\r'))
            {
                throw new ArgumentException($"Header {header.Key} contains a line break.", nameof(headers));
            }

            request.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
        }

        request.Append("\r\n");
        await transport.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken);
        await transport.FlushAsync(cancellationToken);

        var (status, responseHeaders) = await ReadResponseHeadAsync(transport, cancellationToken);
        if (status != 101)
        {
            var body = await ReadBodyAsync(transport, responseHeaders, cancellationToken);
            throw new SpdyUpgradeException(status, body);
        }

        var chosen = responseHeaders.GetValueOrDefault(ProtocolHeader.ToLowerInvariant(), "");
        return new SpdyUpgradeResult(chosen, transport);
    }

    private static async Task<(int Status, Dictionary<string, string> Headers)> ReadResponseHeadAsync(Stream transport, CancellationToken cancellationToken)
    {
        var head = new List<byte>(512);
        var one = new byte[1];
        while (head.Count < 4 || head[^1] != '\n' || head[^2] != '\r' || head[^3] != '\n' || head[^4] != '\r')
        {
            if (head.Count >= MaxResponseHeadSize)
            {
                throw new IOException("The upgrade response head is too large.");
            }

            if (await transport.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The server closed the connection during the SPDY upgrade.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"Not an HTTP response: {lines[0]}");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return (status, headers);
    }

    private static async Task<string> ReadBodyAsync(Stream transport, Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (!headers.TryGetValue("content-length", out var text)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return "";
        }

        var body = new byte[Math.Min(length, MaxResponseHeadSize)];
        try
        {
            await transport.ReadExactlyAsync(body, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            // A truncated error body still leaves the status to report.
        }

        return Encoding.UTF8.GetString(body).TrimEnd('\0');
    }
}
