using System.Text;
using SharpKube.ApiMachinery.HttpStream.Spdy;

namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

public sealed class SpdyConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stream_OpenedByTheClient_CarriesHeadersReplyDataAndHalfCloses()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);

        var opened = await client.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stdin"), cancellationToken: Ct);
        var accepted = await server.AcceptStreamAsync(Ct);
        Assert.NotNull(accepted);
        Assert.Equal(1, opened.Id);
        Assert.Equal(1, accepted.Id);
        Assert.Equal("stdin", accepted.Headers.Get("streamtype"));

        await accepted.ReplyAsync(new SpdyHeaders().Add("ok", "yes"), cancellationToken: Ct);
        Assert.Equal("yes", (await opened.Reply.WaitAsync(Ct)).Get("ok"));

        await opened.WriteAsync("abc"u8.ToArray(), Ct);
        await opened.CloseWriteAsync(Ct);
        Assert.Equal("abc", await ReadToEndAsync(accepted));

        await accepted.WriteAsync("back"u8.ToArray(), Ct);
        await accepted.CloseWriteAsync(Ct);
        Assert.Equal("back", await ReadToEndAsync(opened));

        await opened.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await accepted.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Streams_OpenedByTheServer_UseEvenIds()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);

        var first = await server.OpenStreamAsync(new SpdyHeaders().Add("n", "1"), fin: true, Ct);
        var second = await server.OpenStreamAsync(new SpdyHeaders().Add("n", "2"), cancellationToken: Ct);

        Assert.Equal([2, 4], new[] { first.Id, second.Id });
        var accepted = await client.AcceptStreamAsync(Ct);
        Assert.NotNull(accepted);
        Assert.Equal(0, await accepted.ReadAsync(new byte[1], Ct));
    }

    [Fact]
    public async Task Ping_IsEchoedByThePeer()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);

        var roundTrip = await client.PingAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await server.PingAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(roundTrip >= TimeSpan.Zero);
    }

    [Fact]
    public async Task LargeTransfers_BothWays_CompleteWithinTheFlowControlWindows()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        var payload = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(payload);

        var opened = await client.OpenStreamAsync(new SpdyHeaders().Add("streamtype", "data"), cancellationToken: Ct);
        var accepted = (await server.AcceptStreamAsync(Ct))!;
        // Each side writes 3 MiB (48 windows' worth) while the other reads in small bites.
        var upload = Task.Run(async () => { await opened.WriteAsync(payload, Ct); await opened.CloseWriteAsync(Ct); }, Ct);
        var download = Task.Run(async () => { await accepted.WriteAsync(payload, Ct); await accepted.CloseWriteAsync(Ct); }, Ct);
        var received = await ReadAllBytesAsync(accepted, 1000);
        var echoed = await ReadAllBytesAsync(opened, 7000);
        await Task.WhenAll(upload, download).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(payload, received);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task Reset_ByThePeer_EndsReadingAfterWhatWasSent_AndFailsWrites()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        var opened = await client.OpenStreamAsync(new SpdyHeaders().Add("a", "b"), cancellationToken: Ct);
        var accepted = (await server.AcceptStreamAsync(Ct))!;

        await accepted.WriteAsync("status"u8.ToArray(), Ct);
        accepted.Reset(SpdyStatusCode.Cancel);

        await opened.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(SpdyStatusCode.Cancel, opened.ResetStatus);
        Assert.Equal("status", await ReadToEndAsync(opened));
        await Assert.ThrowsAsync<IOException>(async () => await accepted.ReadAsync(new byte[10], Ct));
        await Assert.ThrowsAsync<IOException>(async () => await opened.WriteAsync(new byte[10], Ct));
    }

    [Fact]
    public async Task Dispose_SendsGoAway_AndThePeerStopsAcceptingAndEnds()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        var client = new SpdyConnection(sockets.Client, isServer: false);
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        var opened = await client.OpenStreamAsync(new SpdyHeaders().Add("a", "b"), cancellationToken: Ct);
        var accepted = (await server.AcceptStreamAsync(Ct))!;

        await client.DisposeAsync();

        Assert.Null(await server.AcceptStreamAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(SpdyGoAwayStatus.Ok, server.GoAwayReceived?.Status);
        Assert.Equal(0, server.GoAwayReceived?.LastGoodStreamId);
        await Assert.ThrowsAsync<IOException>(async () => await accepted.ReadAsync(new byte[1], Ct));
        await Assert.ThrowsAsync<IOException>(async () => await opened.ReadAsync(new byte[1], Ct));
    }

    private static async Task<string> ReadToEndAsync(SpdyStream stream) => Encoding.UTF8.GetString(await ReadAllBytesAsync(stream, 4096));

    private static async Task<byte[]> ReadAllBytesAsync(SpdyStream stream, int bite)
    {
        var all = new MemoryStream();
        var buffer = new byte[bite];
        int read;
        while ((read = await stream.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }
}
