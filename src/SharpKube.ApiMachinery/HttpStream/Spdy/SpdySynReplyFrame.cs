namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>SYN_REPLY: accepts a stream the peer opened.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Headers">The reply headers.</param>
/// <param name="Flags">FLAG_FIN to half-close at once.</param>
public sealed record SpdySynReplyFrame(int StreamId, SpdyHeaders Headers, byte Flags = SpdyFlags.None) : SpdyFrame(Flags);
