using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SharpKube.ApiMachinery.HttpStream.Spdy;

namespace SharpKube.ApiServer.Streaming.Translation;

/// <summary>
/// Bridges an exec/attach WebSocket client to a kubelet SPDY session (<c>v4.channel.k8s.io</c>): it opens the
/// kubelet's streams, relays stdin/resize up and stdout/stderr down, turns the v5 close signal into a stdin
/// half-close (which only SPDY can express), forwards the final status on the error channel, and closes the
/// WebSocket with 1000. When either side vanishes the other is torn down.
/// </summary>
public static class ExecTranslator
{
    /// <summary>The SPDY header naming a stream's role (upstream writes <c>streamType</c>; SPDY sends it lower-case).</summary>
    public const string StreamTypeHeader = "streamType";

    private static readonly TimeSpan StreamReplyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private const int MaxStatusSize = 64 * 1024;

    /// <summary>Runs one session until the command ends or a side goes away.</summary>
    /// <param name="client">The accepted WebSocket.</param>
    /// <param name="protocol">The negotiated protocol (see <see cref="StreamProtocols.Negotiate"/>).</param>
    /// <param name="kubelet">The upgraded SPDY session to the kubelet's exec/attach endpoint (the caller disposes it).</param>
    /// <param name="wanted">The streams the request asked for; they must match what the kubelet was asked for.</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public static async Task RunAsync(WebSocket client, string protocol, SpdyConnection kubelet, ExecStreams wanted, CancellationToken cancellationToken)
    {
        using var channels = new ChannelWebSocket(client, WebSocketChannelCodec.For(protocol));
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = session.Token;

        // Upstream's order: the error stream first, then stdin, stdout, stderr and resize.
        var error = await OpenAsync(kubelet, "error", token);
        var stdin = wanted.Stdin ? await OpenAsync(kubelet, "stdin", token) : null;
        var stdout = wanted.Stdout ? await OpenAsync(kubelet, "stdout", token) : null;
        var stderr = wanted.Stderr ? await OpenAsync(kubelet, "stderr", token) : null;
        var resize = wanted.Tty ? await OpenAsync(kubelet, "resize", token) : null;
        SpdyStream[] streams = [.. new[] { error, stdin, stdout, stderr, resize }.OfType<SpdyStream>()];
        await Task.WhenAll(streams.Select(stream => stream.Reply)).WaitAsync(StreamReplyTimeout, token);

        // As the kubelet does: an empty message on the lowest channel the client reads tells it the session is up.
        var first = wanted.Stdout ? WebSocketChannelCodec.Stdout : wanted.Stderr ? WebSocketChannelCodec.Stderr : WebSocketChannelCodec.Error;
        await channels.SendAsync(first, ReadOnlyMemory<byte>.Empty, token);

        var fromClient = RelayFromClientAsync(channels, protocol, stdin, resize, token);
        var output = Task.WhenAll(
            RelayToClientAsync(stdout, WebSocketChannelCodec.Stdout, channels, token),
            RelayToClientAsync(stderr, WebSocketChannelCodec.Stderr, channels, token));
        var status = ReadStatusAsync(error, token);
        var finished = Task.WhenAll(output, status);

        // A lost kubelet connection surfaces as failed stream reads, after whatever it sent has been relayed.
        var winner = await Task.WhenAny(finished, fromClient);
        try
        {
            if (winner == finished && finished.IsCompletedSuccessfully)
            {
                var message = StatusForClient(protocol, status.Result);
                if (message is not null)
                {
                    await channels.SendAsync(WebSocketChannelCodec.Error, message, token);
                }

                await channels.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
                // The client answers with its own close frame, which ends the receive loop.
                await fromClient.WaitAsync(CloseHandshakeTimeout, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else if (winner == fromClient)
            {
                // The client closed or vanished before the command ended: stop the command's streams.
                await channels.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else
            {
                await channels.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "the kubelet connection failed", token)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream.Reset(SpdyStatusCode.Cancel);
            }

            await session.CancelAsync();
            if (client.State != WebSocketState.Closed)
            {
                client.Abort();
            }

            await Task.WhenAll(fromClient, finished).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static Task<SpdyStream> OpenAsync(SpdyConnection kubelet, string type, CancellationToken cancellationToken) =>
        kubelet.OpenStreamAsync(new SpdyHeaders().Add(StreamTypeHeader, type), fin: false, cancellationToken);

    private static async Task RelayFromClientAsync(ChannelWebSocket channels, string protocol, SpdyStream? stdin, SpdyStream? resize, CancellationToken cancellationToken)
    {
        while (await channels.ReceiveAsync(cancellationToken) is { } message)
        {
            switch (message.Channel)
            {
                case WebSocketChannelCodec.Stdin when stdin is not null && message.Payload.Length > 0:
                    stdin = await ForwardAsync(stdin, stream => stream.WriteAsync(message.Payload, cancellationToken));
                    break;
                case WebSocketChannelCodec.Resize when resize is not null:
                    resize = await ForwardAsync(resize, stream => stream.WriteAsync(message.Payload, cancellationToken));
                    break;
                case WebSocketChannelCodec.Close when protocol == StreamProtocols.V5 && message.Payload is [WebSocketChannelCodec.Stdin, ..] && stdin is not null:
                    stdin = await ForwardAsync(stdin, stream => stream.CloseWriteAsync(cancellationToken));
                    break;
            }
        }
    }

    /// <summary>
    /// Writes to a kubelet stream; null once it can take no more. A command that exits without reading its input
    /// makes stdin fail, and that must not end the session before its output and status are relayed.
    /// </summary>
    private static async Task<SpdyStream?> ForwardAsync(SpdyStream stream, Func<SpdyStream, ValueTask> write)
    {
        try
        {
            await write(stream);
            return stream;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task RelayToClientAsync(SpdyStream? stream, byte channel, ChannelWebSocket channels, CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            return;
        }

        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await channels.SendAsync(channel, buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task<byte[]> ReadStatusAsync(SpdyStream error, CancellationToken cancellationToken)
    {
        using var status = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await error.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (status.Length + read > MaxStatusSize)
            {
                throw new IOException("The kubelet's error stream is too long.");
            }

            status.Write(buffer, 0, read);
        }

        return status.ToArray();
    }

    /// <summary>
    /// What goes on the client's error channel: v4/v5 clients get the kubelet's Status JSON (a Success status if the
    /// kubelet wrote nothing); older protocols get only the failure message as text, and nothing on success.
    /// </summary>
    internal static byte[]? StatusForClient(string protocol, byte[] kubeletStatus)
    {
        if (StreamProtocols.HasStatusErrors(protocol))
        {
            return kubeletStatus.Length > 0 ? kubeletStatus : """{"metadata":{},"status":"Success"}"""u8.ToArray();
        }

        if (kubeletStatus.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(kubeletStatus);
            var root = document.RootElement;
            if (root.TryGetProperty("status", out var state) && state.GetString() == "Success")
            {
                return null;
            }

            return root.TryGetProperty("message", out var message) ? Encoding.UTF8.GetBytes(message.GetString() ?? "") : kubeletStatus;
        }
        catch (JsonException)
        {
            return kubeletStatus;
        }
    }
}
