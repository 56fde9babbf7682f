namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>GOAWAY: the sender ends the connection; streams above <paramref name="LastGoodStreamId"/> were not processed.</summary>
/// <param name="LastGoodStreamId">The last stream the sender accepted from the receiver.</param>
/// <param name="Status">Why.</param>
public sealed record SpdyGoAwayFrame(int LastGoodStreamId, SpdyGoAwayStatus Status) : SpdyFrame(SpdyFlags.None);
