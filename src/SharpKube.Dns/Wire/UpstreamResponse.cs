namespace SharpKube.Dns.Wire;

/// <summary>What <see cref="UpstreamResponseReader"/> learnt from an upstream's answer.</summary>
/// <param name="Rcode">The response code (low four bits).</param>
/// <param name="Truncated">Whether TC was set.</param>
/// <param name="TtlOffsets">Where each record's TTL sits (OPT excluded), for ageing a cached copy.</param>
/// <param name="CacheSeconds">How long the answer may be cached; 0 means not at all.</param>
internal sealed record UpstreamResponse(int Rcode, bool Truncated, int[] TtlOffsets, uint CacheSeconds);
