using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using SharpKube.ApiServer.Streaming.Translation;
using SharpKube.Kubelet.Tests.Probes;

namespace SharpKube.Kubelet.Tests.Spdy;

/// <summary>The WebSocket-to-SPDY translator between a real WebSocket pair and containerd's streaming server.</summary>
public sealed class ExecTranslatorTests(ProbeContainers containers) : IClassFixture<ProbeContainers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V5_StdinClosedWithChannel255_EndsCat_AndTheStatusCarriesTheExitCode()
    {
        var frames = await RunAsync(StreamProtocols.V5, new ExecStreams(true, true, true, false), ["sh", "-c", "cat; echo err >&2; exit 3"], async client =>
        {
            await client.SendAsync(new byte[] { 0, (byte)'a', (byte)'b', (byte)'c' }, WebSocketMessageType.Binary, true, Ct);
            await client.SendAsync(new byte[] { 255, 0 }, WebSocketMessageType.Binary, true, Ct);
        });

        Assert.Equal((byte)1, frames[0].Channel);
        Assert.Empty(frames[0].Payload);
        Assert.Equal("abc", Text(frames, 1));
        Assert.Equal("err\n", Text(frames, 2));
        Assert.Contains("{\"reason\":\"ExitCode\",\"message\":\"3\"}", Text(frames, 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V4_WithoutStdin_RelaysOutputAndASuccessStatus()
    {
        var frames = await RunAsync(StreamProtocols.V4, new ExecStreams(false, true, true, false), ["sh", "-c", "echo out; echo err >&2"], _ => Task.CompletedTask);

        Assert.Equal("out\n", Text(frames, 1));
        Assert.Equal("err\n", Text(frames, 2));
        Assert.Contains("\"status\":\"Success\"", Text(frames, 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64_EncodesOutputAsText_AndReportsFailureAsAMessage()
    {
        var frames = await RunAsync(StreamProtocols.Base64Channel, new ExecStreams(false, true, false, false), ["sh", "-c", "echo out; exit 2"], _ => Task.CompletedTask);

        Assert.Equal("out\n", Text(frames, 1));
        Assert.Contains("exit code 2", Text(frames, 3), StringComparison.Ordinal);
        Assert.DoesNotContain("{", Text(frames, 3), StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <paramref name="command"/> through the translator, lets <paramref name="drive"/> act as the client, and
    /// returns the decoded frames the client received until the translator closed the WebSocket with 1000.
    /// </summary>
    private async Task<List<(byte Channel, byte[] Payload)>> RunAsync(string protocol, ExecStreams streams, string[] command, Func<WebSocket, Task> drive)
    {
        var containerId = await CriStreaming.StartIdleContainerAsync(containers);
        var url = await CriStreaming.ExecUrlAsync(containers, containerId, new ExecRequestOptions(streams.Stdin, streams.Stdout, streams.Stderr, streams.Tty), command);
        var (kubelet, _) = await CriStreaming.ConnectAsync(url);
        await using var _ = kubelet;
        var (clientStream, serverStream) = await ConnectedStreamsAsync();
        using var client = WebSocket.CreateFromStream(clientStream, isServer: false, protocol, TimeSpan.FromSeconds(5));
        using var server = WebSocket.CreateFromStream(serverStream, isServer: true, protocol, TimeSpan.FromSeconds(5));

        var translation = ExecTranslator.RunAsync(server, protocol, kubelet, streams, Ct);
        await drive(client);
        var codec = WebSocketChannelCodec.For(protocol);
        var frames = new List<(byte, byte[])>();
        var buffer = new byte[64 * 1024];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await client.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
                await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
                break;
            }

            Assert.True(result.EndOfMessage);
            Assert.True(codec.TryDecode(buffer.AsSpan(0, result.Count), result.MessageType, out var channel, out var payload));
            frames.Add((channel, payload));
        }

        await translation.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return frames;
    }

    private static string Text(List<(byte Channel, byte[] Payload)> frames, byte channel) =>
        string.Concat(frames.Where(frame => frame.Channel == channel).Select(frame => Encoding.UTF8.GetString(frame.Payload)));

    private static async Task<(Stream Client, Stream Server)> ConnectedStreamsAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptSocketAsync(Ct).AsTask();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, Ct);
        return (new NetworkStream(client, ownsSocket: true), new NetworkStream(await accept, ownsSocket: true));
    }
}
