using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.HttpStream;
using SharpKube.Kubelet.Server;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// Passes a client's upgrade request (SPDY or WebSocket) on to the runtime's streaming server, whose URL is on
/// loopback and unreachable for the client: replays the request to the URL, answers the client 101 with the
/// runtime's headers when it switches protocols and then copies bytes both ways, or relays the runtime's error.
/// No protocol is parsed, so every version the runtime speaks works.
/// </summary>
internal sealed class CriStreamProxy(StreamSessions sessions, ILogger logger)
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly HashSet<string> NotRelayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Content-Length", "Transfer-Encoding", "Date", "Server", "Keep-Alive",
    };

    /// <summary>Proxies the upgrade request of <paramref name="context"/> to <paramref name="target"/> with <paramref name="query"/>.</summary>
    public async Task ProxyAsync(HttpContext context, Uri target, string query)
    {
        var aborted = context.RequestAborted;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, aborted).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await BackendFailedAsync(context, target, e).ConfigureAwait(false);
            return;
        }
        UpgradeResponseHead head;
        var backend = new NetworkStream(socket, ownsSocket: false);
        await using (backend.ConfigureAwait(false))
        {
            try
            {
                await backend.WriteAsync(UpgradeRequestHead.Build(context.Request, target, query), aborted).ConfigureAwait(false);
                head = await UpgradeResponseHead.ReadAsync(backend, aborted).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await BackendFailedAsync(context, target, e).ConfigureAwait(false);
                return;
            }
            if (head.StatusCode != StatusCodes.Status101SwitchingProtocols)
            {
                await RelayAsync(context.Response, head, backend, aborted).ConfigureAwait(false);
                return;
            }
            using var session = sessions.Begin();
            if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            {
                // An upgraded session may be idle for hours.
                rate.MinDataRate = null;
            }
            foreach (var (name, value) in head.Headers.Where(h => !NotRelayed.Contains(h.Key)))
            {
                context.Response.Headers.Append(name, value);
            }
            var client = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync().ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                await UpgradedConnectionPump.PumpAsync(client, backend, head.Rest, () =>
                {
                    ShutdownOutput(socket);
                    return ValueTask.CompletedTask;
                }, aborted).ConfigureAwait(false);
            }
        }
    }

    private async Task BackendFailedAsync(HttpContext context, Uri target, Exception e)
    {
        logger.LogWarning(e, "The runtime's streaming server at {Url} failed", target);
        await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status500InternalServerError, $"error dialing backend: {e.Message}")
            .ConfigureAwait(false);
    }

    private static void ShutdownOutput(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone.
        }
    }

    private static async Task RelayAsync(HttpResponse response, UpgradeResponseHead head, Stream backend, CancellationToken cancellationToken)
    {
        var body = await head.ReadBodyAsync(backend, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        response.StatusCode = head.StatusCode;
        response.ContentType = head.Header("Content-Type") ?? "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
