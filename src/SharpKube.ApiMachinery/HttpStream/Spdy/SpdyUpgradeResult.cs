namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>A completed SPDY upgrade.</summary>
/// <param name="Protocol">The sub-protocol the server chose (its X-Stream-Protocol-Version), or empty.</param>
/// <param name="Stream">The connection, now carrying SPDY frames.</param>
public sealed record SpdyUpgradeResult(string Protocol, Stream Stream);
