using System.Net.WebSockets;
using SharpKube.ApiMachinery.HttpStream;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// kubectl's port-forward tunnel (<c>SPDY/3.1+portforward.k8s.io</c>, kubectl 1.31+): SPDY/3.1 carried in WebSocket
/// binary messages. The payloads are one continuous byte stream (frames span messages arbitrarily), which goes to the
/// kubelet's raw SPDY port-forward connection as it is; what the kubelet sends comes back as binary messages. No SPDY
/// frame is looked at.
/// </summary>
public static class PortForwardTunnel
{
    /// <summary>The WebSocket subprotocol kubectl offers for the tunnel.</summary>
    public const string SubProtocol = "SPDY/3.1+portforward.k8s.io";

    /// <summary>The SPDY protocol asked of the kubelet.</summary>
    public const string KubeletProtocol = "portforward.k8s.io";

    private const int BufferBytes = 32 * 1024;

    /// <summary>
    /// Tunnels until the kubelet closes, the client closes, or either fails. <paramref name="kubeletLeftover"/> is what
    /// the kubelet sent with its 101.
    /// </summary>
    public static async Task RunAsync(WebSocket client, KubeletConnection kubelet, ReadOnlyMemory<byte> kubeletLeftover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(kubelet);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = ToKubeletAsync(client, kubelet, stop.Token);
        var down = ToClientAsync(kubelet.Stream, client, kubeletLeftover, stop.Token);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (first == down || !first.IsCompletedSuccessfully)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (UpgradedConnectionPump.IsDisconnect(e) || e is WebSocketException)
        {
            // One side went away: the tunnel is over.
        }
        client.Abort();
    }

    private static async Task ToKubeletAsync(WebSocket client, KubeletConnection kubelet, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await kubelet.CloseOutputAsync().ConfigureAwait(false);
                return;
            }
            if (received.Count > 0)
            {
                await kubelet.Stream.WriteAsync(buffer.AsMemory(0, received.Count), cancellationToken).ConfigureAwait(false);
                await kubelet.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ToClientAsync(Stream kubelet, WebSocket client, ReadOnlyMemory<byte> leftover, CancellationToken cancellationToken)
    {
        if (!leftover.IsEmpty)
        {
            await client.SendAsync(leftover, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        var buffer = new byte[BufferBytes];
        int read;
        while ((read = await kubelet.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await client.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        if (client.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
