using System.Text;
using Microsoft.AspNetCore.Http;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// The HTTP/1.1 request line and headers the kubelet replays to the runtime's streaming server: the client's method,
/// the streaming URL's path with the given query, and the headers an upgrade needs (SPDY's protocol versions,
/// WebSocket's handshake), none of the client's credentials.
/// </summary>
internal static class UpgradeRequestHead
{
    private static readonly string[] Forwarded =
    [
        "Connection", "Upgrade", "X-Stream-Protocol-Version", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin", "User-Agent",
    ];

    /// <summary>The request head for <paramref name="request"/> aimed at <paramref name="target"/> with <paramref name="query"/> (empty or starting with '?').</summary>
    public static byte[] Build(HttpRequest request, Uri target, string query)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(target.AbsolutePath).Append(query).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(target.Authority).Append("\r\n");
        foreach (var name in Forwarded)
        {
            foreach (var value in request.Headers[name])
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            head.Append("Content-Length: 0\r\n");
        }
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }
}
