namespace SharpKube.Dns.Caching;

/// <summary>
/// A finished response kept for reuse. Served by copying <see cref="Message"/> and patching the ID, the RD bit, the
/// question's case and, for forwarded answers, the TTLs aged by the time spent in the cache.
/// </summary>
internal sealed class CachedResponse
{
    /// <summary>A response of the zone: valid until the zone changes the name.</summary>
    public CachedResponse(ushort type, ushort questionClass, int ednsFlags, byte[] message, bool denial)
        : this(type, questionClass, ednsFlags, message, denial, null, 0, long.MaxValue)
    {
    }

    /// <summary>A forwarded response: valid for its TTL, whose records' TTLs sit at <paramref name="ttlOffsets"/>.</summary>
    public CachedResponse(ushort type, ushort questionClass, int ednsFlags, byte[] message, bool denial, int[]? ttlOffsets,
        long storedAtMs, long expiresAtMs)
    {
        Type = type;
        Class = questionClass;
        EdnsFlags = ednsFlags;
        Message = message;
        Denial = denial;
        TtlOffsets = ttlOffsets;
        StoredAtMs = storedAtMs;
        ExpiresAtMs = expiresAtMs;
    }

    /// <summary>The question type.</summary>
    public ushort Type { get; }

    /// <summary>The question class.</summary>
    public ushort Class { get; }

    /// <summary>EDNS presence and DO bit of the queries this answers (see <c>DnsQuery.EdnsFlags</c>).</summary>
    public int EdnsFlags { get; }

    /// <summary>The whole response, ID zero, question lower-cased.</summary>
    public byte[] Message { get; }

    /// <summary>Whether this is NXDOMAIN or NODATA (CoreDNS counts cache hits as "success" or "denial").</summary>
    public bool Denial { get; }

    /// <summary>Where TTLs sit, for a forwarded response; null for the zone's own (fixed TTLs).</summary>
    public int[]? TtlOffsets { get; }

    /// <summary>When it was stored (Environment.TickCount64).</summary>
    public long StoredAtMs { get; }

    /// <summary>When it stops being served (Environment.TickCount64).</summary>
    public long ExpiresAtMs { get; }
}
