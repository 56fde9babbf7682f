namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>The GOAWAY status codes of SPDY/3.</summary>
public enum SpdyGoAwayStatus : uint
{
    /// <summary>A normal end of the connection.</summary>
    Ok = 0,

    /// <summary>The peer broke the protocol; the connection is closed.</summary>
    ProtocolError = 1,

    /// <summary>An internal failure.</summary>
    InternalError = 2,
}
