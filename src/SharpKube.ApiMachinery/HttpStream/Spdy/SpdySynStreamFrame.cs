namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>SYN_STREAM: opens a stream.</summary>
/// <param name="StreamId">The new stream (odd from the client, even from the server).</param>
/// <param name="Headers">The stream's headers.</param>
/// <param name="Flags">FLAG_FIN and/or FLAG_UNIDIRECTIONAL.</param>
/// <param name="AssociatedStreamId">The stream this one is associated with (server push), or 0.</param>
/// <param name="Priority">0 (highest) to 7.</param>
public sealed record SpdySynStreamFrame(int StreamId, SpdyHeaders Headers, byte Flags = SpdyFlags.None, int AssociatedStreamId = 0, byte Priority = 0)
    : SpdyFrame(Flags);
