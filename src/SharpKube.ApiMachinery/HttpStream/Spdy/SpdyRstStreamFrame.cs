namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>RST_STREAM: ends a stream abnormally.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Status">Why.</param>
public sealed record SpdyRstStreamFrame(int StreamId, SpdyStatusCode Status) : SpdyFrame(SpdyFlags.None);
