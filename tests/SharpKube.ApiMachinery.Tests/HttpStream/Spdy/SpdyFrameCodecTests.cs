using SharpKube.ApiMachinery.HttpStream.Spdy;

namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

public sealed class SpdyFrameCodecTests
{
    private static SpdyFrame[] SampleFrames() =>
    [
        new SpdySynStreamFrame(1, new SpdyHeaders().Add("streamType", "error").Add("port", "80"), SpdyFlags.Fin | SpdyFlags.Unidirectional, 0, 3),
        new SpdySynReplyFrame(1, new SpdyHeaders()),
        new SpdySynStreamFrame(3, new SpdyHeaders().Add("streamtype", "stdin").Add("x-multi", "a").Add("x-multi", "b")),
        new SpdyDataFrame(3, "hello"u8.ToArray()),
        new SpdyDataFrame(3, ReadOnlyMemory<byte>.Empty, SpdyFlags.Fin),
        new SpdyHeadersFrame(3, new SpdyHeaders().Add("trailer", "yes"), SpdyFlags.Fin),
        new SpdyRstStreamFrame(5, SpdyStatusCode.Cancel),
        new SpdySettingsFrame([new SpdySetting(SpdySettingsFrame.InitialWindowSizeId, 1 << 20), new SpdySetting(4, 100, 1)]),
        new SpdyPingFrame(7),
        new SpdyWindowUpdateFrame(0, 12345),
        new SpdyWindowUpdateFrame(3, 1),
        new SpdyGoAwayFrame(3, SpdyGoAwayStatus.InternalError),
    ];

    [Fact]
    public void Dictionary_IsTheSpdy3DictionaryByLengthAndZlibDictionaryId()
    {
        using var writer = new SpdyFrameWriter(Stream.Null);
        var frame = writer.Encode(new SpdySynStreamFrame(1, new SpdyHeaders().Add("a", "b")));

        Assert.Equal(1423, SpdyDictionary.Value.Length);
        // After 18 bytes of frame fields: the zlib header (CMF, FLG with FDICT) and the dictionary's Adler-32.
        Assert.Equal(0x78, frame[18]);
        Assert.NotEqual(0, frame[19] & 0x20);
        Assert.Equal(new byte[] { 0xE3, 0xC6, 0xA7, 0xC2 }, frame[20..24]);
    }

    [Fact]
    public async Task Frames_RoundTripThroughOneCompressionContextPerDirection()
    {
        var bytes = Encode(SampleFrames());

        var decoded = await DecodeAllAsync(new MemoryStream(bytes));

        AssertSameFrames(SampleFrames(), decoded);
    }

    [Fact]
    public async Task Frames_SplitAtEveryByte_DecodeTheSame()
    {
        var bytes = Encode(SampleFrames());

        var decoded = await DecodeAllAsync(TrickleStream.OneByteAtATime(bytes));

        AssertSameFrames(SampleFrames(), decoded);
    }

    [Fact]
    public async Task Frames_SplitInTwoAtEveryPosition_DecodeTheSame()
    {
        var bytes = Encode(SampleFrames());

        for (var split = 1; split < bytes.Length; split++)
        {
            var decoded = await DecodeAllAsync(TrickleStream.SplitAt(bytes, split));
            AssertSameFrames(SampleFrames(), decoded);
        }
    }

    [Fact]
    public async Task LaterHeaderBlocks_ReferToEarlierOnes_AndStillDecode()
    {
        var headers = new SpdyHeaders().Add("streamtype", "stdout").Add("x-long", string.Concat(Enumerable.Range(0, 60).Select(_ => Guid.NewGuid().ToString("N"))));
        var frames = Enumerable.Range(0, 5).Select(i => (SpdyFrame)new SpdySynStreamFrame(1 + (2 * i), headers)).ToArray();
        using var writer = new SpdyFrameWriter(Stream.Null);
        var sizes = frames.Select(frame => writer.Encode(frame).Length).ToArray();

        // The shared context makes repeats cheap: the first block carries the text, the rest point back at it.
        Assert.True(sizes[1] < sizes[0] / 4, $"sizes {string.Join(",", sizes)}");
        var decoded = await DecodeAllAsync(new MemoryStream(Encode(frames)));
        AssertSameFrames(frames, decoded);
    }

    internal static byte[] Encode(params SpdyFrame[] frames)
    {
        using var writer = new SpdyFrameWriter(Stream.Null);
        return [.. frames.SelectMany(writer.Encode)];
    }

    internal static async Task<List<SpdyFrame>> DecodeAllAsync(Stream source, int maxFrameLength = SpdyFrameWriter.MaxPayloadLength)
    {
        using var reader = new SpdyFrameReader(source, maxFrameLength);
        var frames = new List<SpdyFrame>();
        while (await reader.ReadFrameAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static void AssertSameFrames(IReadOnlyList<SpdyFrame> expected, IReadOnlyList<SpdyFrame> actual)
    {
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
    }

    private static string Describe(SpdyFrame frame) => frame switch
    {
        SpdyDataFrame data => $"DATA {data.StreamId} {data.Flags} [{Convert.ToHexString(data.Data.Span)}]",
        SpdySynStreamFrame syn => $"SYN_STREAM {syn.StreamId} {syn.Flags} {syn.AssociatedStreamId} {syn.Priority} {Describe(syn.Headers)}",
        SpdySynReplyFrame reply => $"SYN_REPLY {reply.StreamId} {reply.Flags} {Describe(reply.Headers)}",
        SpdyHeadersFrame headers => $"HEADERS {headers.StreamId} {headers.Flags} {Describe(headers.Headers)}",
        SpdySettingsFrame settings => $"SETTINGS {settings.Flags} {string.Join(",", settings.Settings)}",
        _ => frame.ToString(),
    };

    private static string Describe(SpdyHeaders headers) =>
        string.Join(";", headers.Select(pair => pair.Key + "=" + string.Join("|", pair.Value)));
}
