using System.Net;
using System.Text;
using System.Text.Json;
using SharpKube.Kubelet.Tests.Probes;
using SharpKube.Kubelet.Tests.Server;

namespace SharpKube.Kubelet.Tests.Streaming;

public sealed class KubeletStreamingTests(StreamingPodFixture fixture) : IClassFixture<StreamingPodFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri WebSocketUrl(string pathAndQuery) => new($"wss://127.0.0.1:{fixture.Server.Port}{pathAndQuery}");

    private static string Query(params string[] command) =>
        string.Join('&', command.Select(c => "command=" + Uri.EscapeDataString(c)));

    [Fact]
    public async Task ExecOverWebSocketV4_StreamsStdoutAndStderr_AndEndsWithTheExitStatus()
    {
        using var socket = await ChannelWebSocket.ConnectAsync(
            WebSocketUrl($"/exec/default/web/main?{Query("sh", "-c", "echo out; echo err >&2; exit 3")}&output=1&error=1"), fixture.ClientCertificate);

        await socket.ReadUntilAsync(s => s.Bytes(3).Length > 0);

        Assert.Equal("out\n", socket.Text(1));
        Assert.Equal("err\n", socket.Text(2));
        using var status = JsonDocument.Parse(socket.Text(3));
        Assert.Equal("Failure", status.RootElement.GetProperty("status").GetString());
        Assert.Equal("NonZeroExitCode", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal("3", status.RootElement.GetProperty("details").GetProperty("causes")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task ExecWithStdin_PassesInputToTheCommand_AndSucceeds()
    {
        using var socket = await ChannelWebSocket.ConnectAsync(
            WebSocketUrl($"/exec/default/web/{fixture.Pod.Metadata.Uid}/main?{Query("sh", "-c", "read line; echo got-$line")}&input=1&output=1"),
            fixture.ClientCertificate);

        await socket.SendAsync(0, Encoding.UTF8.GetBytes("abc\n"));
        await socket.ReadUntilAsync(s => s.Bytes(3).Length > 0);

        Assert.Equal("got-abc\n", socket.Text(1));
        Assert.Contains("\"Success\"", socket.Text(3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortForwardOverWebSocket_ReachesTheServerInThePod()
    {
        using var socket = await ChannelWebSocket.ConnectAsync(WebSocketUrl($"/portForward/default/web?port={fixture.HttpPort}"), fixture.ClientCertificate);
        byte[] portBytes = [(byte)(fixture.HttpPort & 0xff), (byte)(fixture.HttpPort >> 8)];
        await socket.ReadUntilAsync(s => s.Bytes(0).Length >= 2 && s.Bytes(1).Length >= 2);
        Assert.Equal(portBytes, socket.Bytes(0));
        Assert.Equal(portBytes, socket.Bytes(1));

        await socket.SendAsync(0, Encoding.ASCII.GetBytes("GET /index.html HTTP/1.0\r\n\r\n"));
        await socket.ReadUntilAsync(s => s.Text(0).Contains(StreamingPodFixture.Page, StringComparison.Ordinal));

        // Decoded after the 2-byte port prefix: a port's high byte can start a UTF-8 sequence that would swallow the "H".
        Assert.StartsWith("HTTP/1.", Encoding.ASCII.GetString(socket.Bytes(0)[2..]), StringComparison.Ordinal);
        Assert.Contains(" 200 ", socket.Text(0), StringComparison.Ordinal);
        Assert.Contains(StreamingPodFixture.Page, socket.Text(0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exec/default/nothere/main?command=true&output=1", HttpStatusCode.NotFound, "pod does not exist")]
    [InlineData("/exec/default/web/00000000-0000-0000-0000-000000000000/main?command=true&output=1", HttpStatusCode.NotFound, "pod not found")]
    [InlineData("/exec/default/web/sidecar?command=true&output=1", HttpStatusCode.InternalServerError, "container not found (\"sidecar\")")]
    [InlineData("/exec/default/web/main?command=true", HttpStatusCode.BadRequest, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("/attach/default/web/main?tty=1&error=1", HttpStatusCode.BadRequest, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("/portForward/default/web?port=http", HttpStatusCode.BadRequest, "unable to parse \"http\" as a port")]
    [InlineData("/portForward/default/nothere?port=80", HttpStatusCode.NotFound, "pod does not exist")]
    public async Task StreamingRequest_ThatCannotBeServed_IsRefusedBeforeTheUpgrade(string pathAndQuery, HttpStatusCode code, string message)
    {
        foreach (var (method, headers) in new[] { ("GET", RawUpgradeRequest.WebSocket), ("POST", RawUpgradeRequest.Spdy) })
        {
            var (status, body) = await RawUpgradeRequest.SendAsync(fixture.Server.Port, fixture.ClientCertificate, method, pathAndQuery, headers);

            Assert.Equal(((int)code, message), (status, body));
        }
    }

    [Fact]
    public async Task PortForwardOverWebSocket_WithoutAPort_IsRefused()
    {
        var (status, body) = await RawUpgradeRequest.SendAsync(fixture.Server.Port, fixture.ClientCertificate, "GET", "/portForward/default/web",
            RawUpgradeRequest.WebSocket);

        Assert.Equal((400, "query parameter \"port\" is required"), (status, body));
    }

    [Theory]
    [InlineData("/exec/default/nothere/main?command=true&output=1", HttpStatusCode.NotFound, "pod does not exist")]
    [InlineData("/exec/default/web/main?command=true&output=1", HttpStatusCode.BadRequest, "Upgrade request required")]
    [InlineData("/portForward/default/web?port=80", HttpStatusCode.BadRequest, "Upgrade request required")]
    public async Task StreamingRequest_WithoutUpgrade_GetsUpstreamsPlainTextError(string pathAndQuery, HttpStatusCode code, string message)
    {
        using var client = KubeletServerFixture.Client(fixture.ClientCertificate);

        using var response = await client.PostAsync(new Uri($"https://127.0.0.1:{fixture.Server.Port}{pathAndQuery}"), null, Ct);

        Assert.Equal(code, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task StreamingRequest_WithoutAClientCertificate_IsUnauthorized()
    {
        using var client = KubeletServerFixture.Client(null);

        using var response = await client.PostAsync(new Uri($"https://127.0.0.1:{fixture.Server.Port}/exec/default/web/main?command=true&output=1"), null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ClientThatVanishesMidSession_LeavesNoSessionOrConnectionBehind()
    {
        var streamPort = await fixture.CriStreamPortAsync();
        var sockets = new List<ChannelWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            var socket = await ChannelWebSocket.ConnectAsync(
                WebSocketUrl($"/exec/default/web/main?{Query("sh", "-c", "echo started; sleep 600")}&output=1"), fixture.ClientCertificate);
            await socket.ReadUntilAsync(s => s.Text(1).Contains("started", StringComparison.Ordinal));
            sockets.Add(socket);
        }
        var portForward = await ChannelWebSocket.ConnectAsync(WebSocketUrl($"/portForward/default/web?port={fixture.HttpPort}"), fixture.ClientCertificate);
        await portForward.ReadUntilAsync(s => s.Bytes(1).Length >= 2);
        sockets.Add(portForward);
        Assert.Equal(4, fixture.Server.Streams.Active);
        Assert.True(TcpConnections.WithPort(streamPort) >= 8, "each session holds a connection to the runtime's streaming server");

        foreach (var socket in sockets)
        {
            // Gone without a close handshake, as a killed client.
            socket.Socket.Abort();
            socket.Dispose();
        }

        await Eventually.TrueAsync(() => fixture.Server.Streams.Active == 0, "every session ended");
        await Eventually.TrueAsync(() => TcpConnections.WithPort(streamPort) == 0, "no connection to the runtime's streaming server is left");
        await Eventually.TrueAsync(() => TcpConnections.WithPort(fixture.Server.Port) == 0, "no connection to the kubelet is left");
    }
}
