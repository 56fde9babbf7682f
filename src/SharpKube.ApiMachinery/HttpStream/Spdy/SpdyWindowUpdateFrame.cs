namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>WINDOW_UPDATE: credit of <paramref name="Delta"/> bytes for a stream, or for the connection when the id is 0.</summary>
/// <param name="StreamId">The stream, or 0 for the connection (SPDY/3.1).</param>
/// <param name="Delta">1 to 2^31-1 bytes.</param>
public sealed record SpdyWindowUpdateFrame(int StreamId, int Delta) : SpdyFrame(SpdyFlags.None);
