using System.Buffers.Binary;
using SharpKube.ApiMachinery.HttpStream.Spdy;

namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

public sealed class SpdyFrameReaderBadInputTests
{
    private static readonly byte[] Ping = SpdyFrameCodecTests.Encode(new SpdyPingFrame(9));

    [Fact]
    public async Task ControlFrame_WithAnotherVersion_IsASessionError()
    {
        var frame = Ping.ToArray();
        frame[1] = 2;

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(frame)));

        Assert.True(error.IsSessionError);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlFrame_OfUnknownType_IsSkipped()
    {
        byte[] unknown = [0x80, 0x03, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x03, 1, 2, 3];

        var frames = await SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream([.. unknown, .. Ping]));

        Assert.Equal([new SpdyPingFrame(9)], frames);
    }

    [Fact]
    public async Task Frame_CutShort_ThrowsEndOfStream()
    {
        var data = SpdyFrameCodecTests.Encode(new SpdyDataFrame(1, new byte[100]));

        await Assert.ThrowsAsync<EndOfStreamException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(data[..50])));
        await Assert.ThrowsAsync<EndOfStreamException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(data[..5])));
    }

    [Fact]
    public async Task HeaderBlock_ThatIsNotZlib_IsASessionError()
    {
        var frame = SpdyFrameCodecTests.Encode(new SpdySynReplyFrame(1, new SpdyHeaders().Add("a", "b")));
        frame[12] ^= 0xFF; // the zlib header checksum no longer holds

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(frame)));

        Assert.True(error.IsSessionError);
    }

    [Fact]
    public async Task HeaderBlock_DecompressingPast256KiB_IsASessionError()
    {
        // 300 KiB of one letter compresses to well under a kilobyte: the limit is on what it inflates to.
        var frame = SpdyFrameCodecTests.Encode(new SpdySynStreamFrame(1, new SpdyHeaders().Add("bomb", new string('a', 300 * 1024))));
        Assert.True(frame.Length < 4096);

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(frame)));

        Assert.True(error.IsSessionError);
        Assert.Contains("more than 262144 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderBlock_WithALengthBeyondItsEnd_IsAStreamError()
    {
        var headers = new SpdyHeaders().Add("name", "value");
        var block = headers.Encode();
        BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(4), 1_000_000);

        var error = Assert.Throws<SpdyProtocolException>(() => SpdyHeaders.Decode(block, 5));

        Assert.Equal(5, error.StreamId);
        Assert.Equal(SpdyStatusCode.ProtocolError, error.Status);
    }

    [Fact]
    public async Task DataFrame_OverTheLengthLimit_IsAStreamError_AndTheNextFrameStillReads()
    {
        var bytes = SpdyFrameCodecTests.Encode(new SpdyDataFrame(3, new byte[5000]), new SpdyPingFrame(9));
        using var reader = new SpdyFrameReader(new MemoryStream(bytes), maxFrameLength: 4096);

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => reader.ReadFrameAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(3, error.StreamId);
        Assert.Equal(SpdyStatusCode.FrameTooLarge, error.Status);
        Assert.Equal(new SpdyPingFrame(9), await reader.ReadFrameAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ControlFrame_WithTheWrongFixedLength_IsASessionError()
    {
        byte[] rst = [0x80, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 1];

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(rst)));

        Assert.True(error.IsSessionError);
    }

    [Fact]
    public async Task ControlFrame_ClaimingAHugeLength_IsRefusedBeforeAllocating()
    {
        byte[] huge = [0x80, 0x03, 0x00, 0x02, 0x00, 0xFF, 0xFF, 0xFF];

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() => SpdyFrameCodecTests.DecodeAllAsync(new MemoryStream(huge)));

        Assert.True(error.IsSessionError);
        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }
}
