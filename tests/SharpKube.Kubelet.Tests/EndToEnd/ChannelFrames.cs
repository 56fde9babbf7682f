using System.Net.WebSockets;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>Reads channel-framed WebSocket messages (<c>[channel][payload]</c>) into one buffer per channel.</summary>
internal static class ChannelFrames
{
    /// <summary>Receives messages until <paramref name="done"/> holds (30 s at most); a close before that fails the test.</summary>
    public static async Task ReadUntilAsync(WebSocket socket, Dictionary<int, MemoryStream> channels, Func<bool> done)
    {
        using var deadline = Deadline();
        while (!done())
        {
            Assert.True(await ReceiveIntoAsync(socket, channels, deadline.Token), "the server closed the WebSocket");
        }
    }

    /// <summary>Receives every message until the server closes (30 s at most); what each channel carried.</summary>
    public static async Task<Dictionary<int, byte[]>> ReadToCloseAsync(WebSocket socket)
    {
        using var deadline = Deadline();
        var channels = new Dictionary<int, MemoryStream>();
        while (await ReceiveIntoAsync(socket, channels, deadline.Token))
        {
        }

        return channels.ToDictionary(c => c.Key, c => c.Value.ToArray());
    }

    /// <summary>Receives one whole message into its channel's buffer; false when it was the server's close.</summary>
    private static async Task<bool> ReceiveIntoAsync(WebSocket socket, Dictionary<int, MemoryStream> channels, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        var bytes = message.ToArray();
        if (bytes.Length > 0)
        {
            if (!channels.TryGetValue(bytes[0], out var channel))
            {
                channels[bytes[0]] = channel = new MemoryStream();
            }

            channel.Write(bytes, 1, bytes.Length - 1);
        }

        return true;
    }

    private static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        return deadline;
    }
}
