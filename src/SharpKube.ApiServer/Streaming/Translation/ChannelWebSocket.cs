using System.Net.WebSockets;

namespace SharpKube.ApiServer.Streaming.Translation;

/// <summary>
/// A WebSocket speaking a channel protocol: sends are serialized (a WebSocket allows one send at a time) and
/// received messages are reassembled and split into channel and payload.
/// </summary>
internal sealed class ChannelWebSocket(WebSocket socket, WebSocketChannelCodec codec) : IDisposable
{
    /// <summary>The largest client message accepted; kubectl sends stdin in 32 KiB pieces.</summary>
    private const int MaxMessageSize = 1024 * 1024;

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>The underlying WebSocket.</summary>
    public WebSocket Socket => socket;

    /// <summary>Sends <paramref name="payload"/> on <paramref name="channel"/> as one message.</summary>
    public async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var (message, type) = codec.Encode(channel, payload.Span);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, type, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a close frame with <paramref name="status"/> (after any send in progress).</summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, description, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// The next decodable message, or null once the client sent a close frame. Receiving is also what answers the
    /// client's pings: the WebSocket replies with pongs while a receive is pending.
    /// </summary>
    public async Task<(byte Channel, byte[] Payload)?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                if (message.Length + result.Count > MaxMessageSize)
                {
                    throw new WebSocketException(WebSocketError.Faulted, $"A client message exceeds {MaxMessageSize} bytes.");
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (codec.TryDecode(message.GetBuffer().AsSpan(0, (int)message.Length), result.MessageType, out var channel, out var payload))
            {
                return (channel, payload);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _sendLock.Dispose();
}
