namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>A DATA frame: bytes of one stream; FLAG_FIN half-closes the sender's side.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Data">The payload (may be empty, e.g. a bare FIN).</param>
/// <param name="Flags">The flags.</param>
public sealed record SpdyDataFrame(int StreamId, ReadOnlyMemory<byte> Data, byte Flags = SpdyFlags.None) : SpdyFrame(Flags);
