namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>The SPDY/3 control frame types this implementation understands; others are skipped as the spec asks.</summary>
public enum SpdyFrameType : ushort
{
    /// <summary>Opens a stream with a header block.</summary>
    SynStream = 1,

    /// <summary>Accepts a stream opened by the peer, with a header block.</summary>
    SynReply = 2,

    /// <summary>Ends a stream abnormally.</summary>
    RstStream = 3,

    /// <summary>Connection settings (the initial window size matters here).</summary>
    Settings = 4,

    /// <summary>Liveness check, echoed by the receiver.</summary>
    Ping = 6,

    /// <summary>The sender opens no more streams and accepts none above the last good one.</summary>
    GoAway = 7,

    /// <summary>More headers for a stream.</summary>
    Headers = 8,

    /// <summary>Flow control credit for a stream or (SPDY/3.1, stream 0) the whole connection.</summary>
    WindowUpdate = 9,
}
