using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SharpKube.Kubelet.Tests.Streaming;

/// <summary>Sends one upgrade request over TLS by hand and reads the answer when it is not a 101 (status line and body).</summary>
public static class RawUpgradeRequest
{
    /// <summary>A WebSocket (v4.channel.k8s.io) upgrade's headers.</summary>
    public static readonly string[] WebSocket =
        ["Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol: v4.channel.k8s.io"];

    /// <summary>A SPDY upgrade's headers.</summary>
    public static readonly string[] Spdy = ["Connection: Upgrade", "Upgrade: SPDY/3.1", "X-Stream-Protocol-Version: v4.channel.k8s.io", "Content-Length: 0"];

    /// <summary>Sends <paramref name="method"/> <paramref name="pathAndQuery"/> and returns the status code and the body (read until the server closes or 5 s pass).</summary>
    public static async Task<(int Code, string Body)> SendAsync(int port, X509Certificate2? certificate, string method, string pathAndQuery, string[] headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = certificate is null ? null : [certificate],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        }, TestContext.Current.CancellationToken);
        var head = $"{method} {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{string.Join("", headers.Select(h => h + "\r\n"))}\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        var response = new MemoryStream();
        var buffer = new byte[4096];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            int read;
            while (!Complete(response) && (read = await tls.ReadAsync(buffer, deadline.Token)) > 0)
            {
                response.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Kept alive: what arrived is the answer.
        }
        var text = Encoding.UTF8.GetString(response.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var code = int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = split < 0 ? "" : text[(split + 4)..];
        return (code, text[..Math.Max(split, 0)].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = lineEnd < 0 ? 0 : int.Parse(chunked[at..lineEnd], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }
            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.ToString();
    }

    // A response with a Content-Length is complete once that many body bytes arrived.
    private static bool Complete(MemoryStream response)
    {
        var text = Encoding.UTF8.GetString(response.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        if (text[..split].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        }
        var length = text[..split].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
