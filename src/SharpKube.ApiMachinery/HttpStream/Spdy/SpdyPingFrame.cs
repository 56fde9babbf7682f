namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>PING: the receiver echoes pings whose id has the peer's parity (odd from clients, even from servers).</summary>
/// <param name="Id">The ping id.</param>
public sealed record SpdyPingFrame(uint Id) : SpdyFrame(SpdyFlags.None);
