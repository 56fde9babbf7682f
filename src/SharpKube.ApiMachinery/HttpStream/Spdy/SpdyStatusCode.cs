namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>The RST_STREAM status codes of SPDY/3.</summary>
public enum SpdyStatusCode : uint
{
    /// <summary>A generic error: the frame or header block broke the protocol.</summary>
    ProtocolError = 1,

    /// <summary>A frame for a stream that is not active.</summary>
    InvalidStream = 2,

    /// <summary>The stream was refused before any processing.</summary>
    RefusedStream = 3,

    /// <summary>The frame's SPDY version is not supported.</summary>
    UnsupportedVersion = 4,

    /// <summary>The stream is no longer needed.</summary>
    Cancel = 5,

    /// <summary>An internal failure unrelated to the protocol.</summary>
    InternalError = 6,

    /// <summary>The peer broke the flow control window.</summary>
    FlowControlError = 7,

    /// <summary>SYN_REPLY for a stream that already has one.</summary>
    StreamInUse = 8,

    /// <summary>Data or a reply for a stream already half-closed by the sender.</summary>
    StreamAlreadyClosed = 9,

    /// <summary>A frame larger than the receiver supports.</summary>
    FrameTooLarge = 11,
}
