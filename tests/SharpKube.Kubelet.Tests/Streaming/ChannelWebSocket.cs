using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SharpKube.Kubelet.Tests.Streaming;

/// <summary>
/// A client of the channel WebSocket protocols (<c>v4.channel.k8s.io</c>): every binary message is one channel byte and
/// its payload. Collects what arrives per channel.
/// </summary>
public sealed class ChannelWebSocket : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Dictionary<int, MemoryStream> _channels = [];

    private ChannelWebSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;

    /// <summary>Connects to <paramref name="url"/> (wss://) with <paramref name="certificate"/>, trusting any server.</summary>
    public static async Task<ChannelWebSocket> ConnectAsync(Uri url, X509Certificate2? certificate, string? protocol = "v4.channel.k8s.io",
        System.Net.Security.RemoteCertificateValidationCallback? validation = null)
    {
        var socket = new ClientWebSocket();
        if (protocol is not null)
        {
            socket.Options.AddSubProtocol(protocol);
        }
        if (certificate is not null)
        {
            socket.Options.ClientCertificates = [certificate];
        }
        socket.Options.RemoteCertificateValidationCallback = validation ?? ((_, _, _, _) => true);
        await socket.ConnectAsync(url, TestContext.Current.CancellationToken);
        return new ChannelWebSocket(socket);
    }

    /// <summary>Sends <paramref name="payload"/> on <paramref name="channel"/>.</summary>
    public Task SendAsync(byte channel, byte[] payload) =>
        _socket.SendAsync((byte[])[channel, .. payload], WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);

    /// <summary>Reads messages until <paramref name="done"/> holds or the server closes (30 s at most).</summary>
    public async Task ReadUntilAsync(Func<ChannelWebSocket, bool> done)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (!done(this) && _socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, deadline.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }
            var bytes = message.ToArray();
            message.SetLength(0);
            if (bytes.Length > 0)
            {
                Channel(bytes[0]).Write(bytes, 1, bytes.Length - 1);
            }
        }
    }

    /// <summary>The bytes received on <paramref name="channel"/>.</summary>
    public byte[] Bytes(int channel) => Channel(channel).ToArray();

    /// <summary>The text received on <paramref name="channel"/>.</summary>
    public string Text(int channel) => Encoding.UTF8.GetString(Bytes(channel));

    public bool Closed => _socket.State is WebSocketState.CloseReceived or WebSocketState.Closed;

    public void Dispose() => _socket.Dispose();

    private MemoryStream Channel(int channel)
    {
        if (!_channels.TryGetValue(channel, out var stream))
        {
            _channels[channel] = stream = new MemoryStream();
        }
        return stream;
    }
}
