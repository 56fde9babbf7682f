using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.HttpStream;
using SharpKube.ApiMachinery.HttpStream.Spdy;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.PodLogs;
using SharpKube.ApiServer.Streaming.Translation;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// <c>pods/exec</c>, <c>pods/attach</c> and <c>pods/portforward</c>: validates the request as upstream, finds the pod's
/// kubelet and connects the client to it. SPDY clients and WebSocket clients of protocols the kubelet speaks itself
/// are proxied transparently (the upgrade is passed on and bytes are copied both ways); kubectl's port-forward tunnel
/// (SPDY inside WebSocket) is unwrapped into a raw SPDY connection to the kubelet; WebSocket exec and attach with the
/// stream-close protocol (<c>v5.channel.k8s.io</c>) end here and go on to the kubelet as SPDY. Errors before the
/// upgrade are Status objects; a kubelet's refusal is relayed as it is, as upstream's upgrade-aware proxy does.
/// </summary>
public sealed class PodStreamProxy : IDisposable
{
    private const int DefaultKubeletPort = 10250;
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const string StreamCloseProtocol = "v5.channel.k8s.io";

    private static readonly HashSet<string> NotRelayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Content-Length", "Transfer-Encoding", "Date", "Server", "Keep-Alive",
    };

    private readonly ResourceCatalog _catalog;
    private readonly KubeletConnector _kubelets;
    private readonly ILogger _logger;
    private int _active;

    /// <summary>Creates the proxy, reading nodes from <paramref name="catalog"/>.</summary>
    public PodStreamProxy(ResourceCatalog catalog, KubeletConnector kubelets, ILogger logger)
    {
        _catalog = catalog;
        _kubelets = kubelets;
        _logger = logger;
    }

    /// <summary>Sessions connected to a kubelet now (upgraded and copying).</summary>
    public int ActiveSessions => Volatile.Read(ref _active);

    /// <summary>Serves one request to <paramref name="subresource"/> of pod <paramref name="name"/> in <paramref name="ns"/>.</summary>
    /// <exception cref="StatusException">The request is invalid, the pod or its node is missing, or the kubelet cannot be reached.</exception>
    public async Task HandleAsync(HttpContext context, ResourceEndpoint pods, string ns, string name, string subresource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pods);
        var aborted = context.RequestAborted;
        var request = PodStreamRequest.Parse(subresource, context.Request.Query);
        var pod = await pods.Store.GetAsync(ns, name, aborted).ConfigureAwait(false);
        var spec = pod["spec"] as JsonObject;
        var container = "";
        if (request.IsRemoteCommand)
        {
            container = PodContainers.Resolve(spec, request.Container, name);
            var phase = (pod["status"]?["phase"] as JsonValue)?.GetValue<string>();
            if (phase is "Succeeded" or "Failed")
            {
                throw StatusErrors.BadRequest(subresource == "exec"
                    ? $"cannot exec into a container in a completed pod; current phase is {phase}"
                    : $"cannot attach a container in a completed pod; current phase is {phase}");
            }
        }
        if ((spec?["nodeName"] as JsonValue)?.GetValue<string>() is not { Length: > 0 } nodeName)
        {
            throw StatusErrors.BadRequest($"pod {name} does not have a host assigned");
        }
        if (context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true })
        {
            throw StatusErrors.BadRequest("Upgrade request required");
        }
        var nodes = _catalog.Find("", "v1", "nodes") ?? throw StatusErrors.Internal("nodes are not served");
        var node = await nodes.Store.GetAsync(null, nodeName, aborted).ConfigureAwait(false);
        var kubelet = KubeletEndpoint.BaseUrl(node, nodeName, DefaultKubeletPort);
        var path = request.KubeletPathAndQuery(ns, name, container);
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            // An upgraded session may be idle for hours.
            rate.MinDataRate = null;
        }
        if (WebSocketHandshake.IsWebSocketRequest(context.Request))
        {
            var offered = WebSocketHandshake.OfferedProtocols(context.Request);
            if (!request.IsRemoteCommand && offered.Contains(PortForwardTunnel.SubProtocol))
            {
                await TunnelPortForwardAsync(context, kubelet, path).ConfigureAwait(false);
                return;
            }
            if (request.IsRemoteCommand && offered.Contains(StreamCloseProtocol))
            {
                await TranslateWebSocketAsync(context, request, kubelet, path).ConfigureAwait(false);
                return;
            }
        }
        await ProxyTransparentlyAsync(context, kubelet, path).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _kubelets.Dispose();

    /// <summary>
    /// WebSocket exec or attach with the stream-close protocol (<c>v5.channel.k8s.io</c>, kubectl 1.30+), which the
    /// kubelet does not speak, as upstream's API server does it: the WebSocket ends here and the session goes on to the
    /// kubelet at <paramref name="kubeletPathAndQuery"/> as SPDY (<c>v4.channel.k8s.io</c>), the only form that can
    /// half-close stdin. A kubelet refusal before the WebSocket is accepted is relayed as it is.
    /// </summary>
    private async Task TranslateWebSocketAsync(HttpContext context, PodStreamRequest request, Uri kubelet, string kubeletPathAndQuery)
    {
        var aborted = context.RequestAborted;
        var protocol = StreamProtocols.Negotiate(WebSocketHandshake.OfferedProtocols(context.Request)) ?? StreamProtocols.V5;
        var connection = await ConnectAsync(kubelet, aborted).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SpdyUpgradeResult upgraded;
            try
            {
                upgraded = await SpdyUpgrade.ConnectAsync(connection.Stream, new Uri(kubelet, kubeletPathAndQuery), [StreamProtocols.KubeletSpdy],
                    cancellationToken: aborted).ConfigureAwait(false);
            }
            catch (SpdyUpgradeException e)
            {
                context.Response.StatusCode = e.StatusCode;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(e.Body, aborted).ConfigureAwait(false);
                return;
            }
            catch (IOException e)
            {
                throw StatusErrors.Internal($"error upgrading connection to {kubelet.Authority}: {e.Message}");
            }
            Interlocked.Increment(ref _active);
            try
            {
                using var socket = await WebSocketHandshake.AcceptAsync(context, protocol).ConfigureAwait(false);
                var spdy = new SpdyConnection(upgraded.Stream, isServer: false);
                await using (spdy.ConfigureAwait(false))
                {
                    await ExecTranslator.RunAsync(socket, protocol, spdy, new ExecStreams(request.Stdin, request.Stdout, request.Stderr, request.Tty), aborted)
                        .ConfigureAwait(false);
                }
            }
            catch (Exception e) when (context.Response.HasStarted)
            {
                // Upgraded: there is no response left to write an error to.
                _logger.LogWarning(e, "Translated streaming session to {Kubelet} failed", kubelet);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }

    private async Task ProxyTransparentlyAsync(HttpContext context, Uri kubelet, string path)
    {
        var aborted = context.RequestAborted;
        var connection = await ConnectAsync(kubelet, aborted).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var head = await UpgradeAsync(connection, context.Request.Method, kubelet, path, KubeletUpgradeRequest.ClientHeaders(context.Request), aborted)
                .ConfigureAwait(false);
            if (head.StatusCode != StatusCodes.Status101SwitchingProtocols)
            {
                await RelayAsync(context.Response, head, connection.Stream, aborted).ConfigureAwait(false);
                return;
            }
            Interlocked.Increment(ref _active);
            try
            {
                foreach (var (header, value) in head.Headers.Where(h => !NotRelayed.Contains(h.Key)))
                {
                    context.Response.Headers.Append(header, value);
                }
                var client = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync().ConfigureAwait(false);
                await using (client.ConfigureAwait(false))
                {
                    await UpgradedConnectionPump.PumpAsync(client, connection.Stream, head.Rest, connection.CloseOutputAsync, aborted).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (context.Response.HasStarted)
            {
                // Upgraded: there is no response left to write an error to.
                _logger.LogWarning(e, "Streaming session to {Kubelet} failed", kubelet);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }

    private async Task TunnelPortForwardAsync(HttpContext context, Uri kubelet, string path)
    {
        var aborted = context.RequestAborted;
        var connection = await ConnectAsync(kubelet, aborted).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var head = await UpgradeAsync(connection, HttpMethods.Post, kubelet, path, KubeletUpgradeRequest.SpdyHeaders(PortForwardTunnel.KubeletProtocol), aborted)
                .ConfigureAwait(false);
            if (head.StatusCode != StatusCodes.Status101SwitchingProtocols)
            {
                // Refused before the WebSocket is accepted: kubectl falls back to raw SPDY and reports what the kubelet says.
                await RelayAsync(context.Response, head, connection.Stream, aborted).ConfigureAwait(false);
                return;
            }
            Interlocked.Increment(ref _active);
            try
            {
                using var socket = await WebSocketHandshake.AcceptAsync(context, PortForwardTunnel.SubProtocol).ConfigureAwait(false);
                await PortForwardTunnel.RunAsync(socket, connection, head.Rest, aborted).ConfigureAwait(false);
            }
            catch (Exception e) when (context.Response.HasStarted)
            {
                // Upgraded: there is no response left to write an error to.
                _logger.LogWarning(e, "Port-forward tunnel to {Kubelet} failed", kubelet);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }

    private async Task<KubeletConnection> ConnectAsync(Uri kubelet, CancellationToken cancellationToken)
    {
        try
        {
            return await _kubelets.ConnectAsync(kubelet, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Cannot reach the kubelet at {Kubelet}", kubelet);
            throw StatusErrors.Internal($"error dialing backend: {e.Message}");
        }
    }

    private static async Task<UpgradeResponseHead> UpgradeAsync(KubeletConnection connection, string method, Uri kubelet, string path,
        IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.UpgradeAsync(KubeletUpgradeRequest.Build(method, kubelet, path, headers), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw StatusErrors.Internal($"error upgrading connection to {kubelet.Authority}: {e.Message}");
        }
    }

    private static async Task RelayAsync(HttpResponse response, UpgradeResponseHead head, Stream kubelet, CancellationToken cancellationToken)
    {
        var body = await head.ReadBodyAsync(kubelet, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        response.StatusCode = head.StatusCode;
        response.ContentType = head.Header("Content-Type") ?? "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
