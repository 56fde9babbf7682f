namespace SharpKube.Dns.Zone;

/// <summary>One record the zone serves: owner name (lower-case, dotted, no trailing dot), type, TTL and wire RDATA.</summary>
/// <param name="Name">The owner name.</param>
/// <param name="Type">The record type.</param>
/// <param name="Ttl">The TTL in seconds.</param>
/// <param name="Data">The RDATA as it goes on the wire (names in it uncompressed).</param>
/// <param name="Target">For SRV, the target name, whose addresses go in the additional section.</param>
internal sealed record ResourceRecord(string Name, ushort Type, uint Ttl, byte[] Data, string? Target = null);
