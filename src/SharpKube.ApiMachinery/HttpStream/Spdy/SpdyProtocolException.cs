namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// The peer broke SPDY/3. With a <see cref="StreamId"/> it is a stream error (answered with RST_STREAM and the
/// connection goes on); without one it is a session error (answered with GOAWAY and the connection ends).
/// </summary>
public sealed class SpdyProtocolException : IOException
{
    /// <summary>A session error.</summary>
    public SpdyProtocolException(string message, SpdyGoAwayStatus goAwayStatus = SpdyGoAwayStatus.ProtocolError)
        : base(message)
    {
        GoAwayStatus = goAwayStatus;
        Status = SpdyStatusCode.ProtocolError;
    }

    /// <summary>A stream error.</summary>
    public SpdyProtocolException(string message, int streamId, SpdyStatusCode status)
        : base(message)
    {
        StreamId = streamId;
        Status = status;
    }

    /// <summary>The stream at fault, or null for a session error.</summary>
    public int? StreamId { get; }

    /// <summary>The RST_STREAM status for a stream error.</summary>
    public SpdyStatusCode Status { get; }

    /// <summary>The GOAWAY status for a session error.</summary>
    public SpdyGoAwayStatus GoAwayStatus { get; }

    /// <summary>True when the whole connection must end.</summary>
    public bool IsSessionError => StreamId is null;
}
