namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>HEADERS: more headers for an open stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Headers">The headers.</param>
/// <param name="Flags">FLAG_FIN to half-close.</param>
public sealed record SpdyHeadersFrame(int StreamId, SpdyHeaders Headers, byte Flags = SpdyFlags.None) : SpdyFrame(Flags);
