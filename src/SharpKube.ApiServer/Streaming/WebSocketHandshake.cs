using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// The server side of a WebSocket opening handshake (RFC 6455 §4.2) done on the connection's upgrade feature, so it
/// works without the WebSockets middleware and answers with exactly the subprotocol the caller chose.
/// </summary>
public static class WebSocketHandshake
{
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Whether <paramref name="request"/> asks to upgrade to WebSocket.</summary>
    public static bool IsWebSocketRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase)
            && request.Headers.SecWebSocketKey.ToString().Length > 0;
    }

    /// <summary>The subprotocols the client offers, in its order.</summary>
    public static IReadOnlyList<string> OfferedProtocols(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. request.Headers.SecWebSocketProtocol.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
    }

    /// <summary>Answers 101 with <paramref name="subProtocol"/> (none when null) and returns the server's WebSocket.</summary>
    public static async Task<WebSocket> AcceptAsync(HttpContext context, string? subProtocol)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers.SecWebSocketKey.ToString().Trim();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        if (subProtocol is not null)
        {
            context.Response.Headers.SecWebSocketProtocol = subProtocol;
        }
        var stream = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync().ConfigureAwait(false);
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // Not passed as SubProtocol: .NET rejects '/' in a token, and kubectl's tunnel protocol has one.
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
    }
}
