using System.Net.WebSockets;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>Reads channel-framed WebSocket messages (<c>[channel][payload]</c>) into one buffer per channel.</summary>
internal static class ChannelFrames
{
    /// <summary>Receives messages until <paramref name="done"/> holds (30 s at most); a close before that fails the test.</summary>
    public static async Task ReadUntilAsync(WebSocket socket, Dictionary<int, MemoryStream> channels, Func<bool> done)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (!done())
        {
            var received = await socket.ReceiveAsync(buffer, deadline.Token);
            Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }
            var bytes = message.ToArray();
            message.SetLength(0);
            if (bytes.Length > 0)
            {
                if (!channels.TryGetValue(bytes[0], out var channel))
                {
                    channels[bytes[0]] = channel = new MemoryStream();
                }
                channel.Write(bytes, 1, bytes.Length - 1);
            }
        }
    }

}
