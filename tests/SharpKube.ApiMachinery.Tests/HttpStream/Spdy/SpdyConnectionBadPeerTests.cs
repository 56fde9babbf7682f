using SharpKube.ApiMachinery.HttpStream.Spdy;

namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

/// <summary>A connection facing a hand-driven peer that writes raw frames and bytes.</summary>
public sealed class SpdyConnectionBadPeerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataOnAnUnknownStream_IsAnsweredWithInvalidStream_AndTheConnectionGoesOn()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        using var peerWriter = new SpdyFrameWriter(sockets.Client);
        using var peerReader = new SpdyFrameReader(sockets.Client);

        await peerWriter.WriteAsync(new SpdyDataFrame(41, "stray"u8.ToArray()), Ct);
        await peerWriter.WriteAsync(new SpdyPingFrame(1), Ct);

        var answers = await ReadUntilAsync(peerReader, frame => frame is SpdyPingFrame);
        Assert.Contains(new SpdyRstStreamFrame(41, SpdyStatusCode.InvalidStream), answers);
        Assert.False(server.Completion.IsCompleted);
    }

    [Fact]
    public async Task SynStreamWithTheWrongParity_IsAnsweredWithProtocolError()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        using var peerWriter = new SpdyFrameWriter(sockets.Client);
        using var peerReader = new SpdyFrameReader(sockets.Client);

        await peerWriter.WriteAsync(new SpdySynStreamFrame(2, new SpdyHeaders().Add("a", "b")), Ct);
        await peerWriter.WriteAsync(new SpdyPingFrame(1), Ct);

        var answers = await ReadUntilAsync(peerReader, frame => frame is SpdyPingFrame);
        Assert.Contains(new SpdyRstStreamFrame(2, SpdyStatusCode.ProtocolError), answers);
    }

    [Theory]
    [InlineData("80020001000000000000")] // SPDY/2
    [InlineData("800300030000000400000000")] // RST_STREAM with a 4-byte payload
    [InlineData("80030002000000080000000178ff0000")] // SYN_REPLY whose block is not zlib
    public async Task MalformedInput_EndsTheSessionWithGoAwayProtocolError(string hex)
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        using var peerReader = new SpdyFrameReader(sockets.Client);
        var opened = await server.OpenStreamAsync(new SpdyHeaders().Add("a", "b"), cancellationToken: Ct);

        await sockets.Client.WriteAsync(Convert.FromHexString(hex), Ct);

        var answers = await ReadUntilAsync(peerReader, _ => false);
        Assert.Contains(answers, frame => frame is SpdyGoAwayFrame { Status: SpdyGoAwayStatus.ProtocolError });
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await opened.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Null(await server.AcceptStreamAsync(Ct));
    }

    [Fact]
    public async Task PeerVanishing_FailsOpenStreamsAndEndsTheSession()
    {
        await using var sockets = await SocketPair.ConnectAsync();
        await using var server = new SpdyConnection(sockets.Server, isServer: true);
        var opened = await server.OpenStreamAsync(new SpdyHeaders().Add("a", "b"), cancellationToken: Ct);

        await sockets.Client.DisposeAsync();

        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Assert.ThrowsAsync<IOException>(async () => await opened.ReadAsync(new byte[1], Ct));
        await Assert.ThrowsAsync<IOException>(() => server.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct));
    }

    /// <summary>Frames from the connection until <paramref name="last"/> matches or the connection closes.</summary>
    private static async Task<List<SpdyFrame>> ReadUntilAsync(SpdyFrameReader reader, Func<SpdyFrame, bool> last)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        var frames = new List<SpdyFrame>();
        try
        {
            while (await reader.ReadFrameAsync(deadline.Token) is { } frame)
            {
                frames.Add(frame);
                if (last(frame))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The connection closed its end after GOAWAY.
        }

        return frames;
    }
}
