namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>Settings of a <see cref="SpdyConnection"/>.</summary>
public sealed class SpdyConnectionOptions
{
    /// <summary>SPDY/3.1's default window, for streams and for the connection.</summary>
    public const int DefaultWindowSize = 64 * 1024;

    /// <summary>The receive window advertised for each stream (SETTINGS_INITIAL_WINDOW_SIZE); also how much one stream buffers.</summary>
    public int InitialWindowSize { get; init; } = DefaultWindowSize;

    /// <summary>A header block that decompresses to more than this is a session error.</summary>
    public int MaxHeaderBlockSize { get; init; } = SpdyFrameReader.DefaultMaxHeaderBlockSize;

    /// <summary>Longer inbound frames are refused (a DATA frame with FRAME_TOO_LARGE, a control frame with GOAWAY).</summary>
    public int MaxFrameLength { get; init; } = SpdyFrameWriter.MaxPayloadLength;

    /// <summary>Outbound DATA frames carry at most this many bytes.</summary>
    public int MaxOutboundDataFrameSize { get; init; } = 16 * 1024;

    /// <summary>How long disposing waits for the GOAWAY and queued frames to reach the transport.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for ping round trips.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
