using System.Collections.Concurrent;

namespace SharpKube.Dns.Caching;

/// <summary>
/// Finished responses by question name, then by (type, class, EDNS flags). Looked up by a span of the name, so a
/// hit allocates nothing; the zone drops a name's responses when the name changes. Bounded: past the capacity, a
/// tenth of the names are dropped to make room.
/// </summary>
internal sealed class ResponseCache
{
    private readonly ConcurrentDictionary<string, CachedResponse[]> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedResponse[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;
    private int _evicting;

    /// <summary>A cache of at most <paramref name="capacity"/> names.</summary>
    public ResponseCache(int capacity)
    {
        _capacity = Math.Max(16, capacity);
        _bySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many names have responses.</summary>
    public int Count => _names.Count;

    /// <summary>The response for the question, if one is cached and not expired at <paramref name="nowMs"/>.</summary>
    public CachedResponse? Find(ReadOnlySpan<char> name, ushort type, ushort questionClass, int ednsFlags, long nowMs)
    {
        if (!_bySpan.TryGetValue(name, out var responses))
        {
            return null;
        }
        foreach (var response in responses)
        {
            if (response.Type == type && response.Class == questionClass && response.EdnsFlags == ednsFlags)
            {
                return response.ExpiresAtMs > nowMs ? response : null;
            }
        }
        return null;
    }

    /// <summary>Stores <paramref name="response"/> for <paramref name="name"/>, replacing one for the same question.</summary>
    public void Store(string name, CachedResponse response)
    {
        if (_names.Count >= _capacity && !_names.ContainsKey(name))
        {
            Evict();
        }
        _names.AddOrUpdate(name, static (_, r) => [r], static (_, existing, r) =>
        {
            var kept = existing.Where(e => e.Type != r.Type || e.Class != r.Class || e.EdnsFlags != r.EdnsFlags);
            return [.. kept, r];
        }, response);
    }

    /// <summary>Drops every response for <paramref name="name"/>.</summary>
    public void Invalidate(string name) => _names.TryRemove(name, out _);

    private void Evict()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1)
        {
            return;
        }
        try
        {
            var drop = Math.Max(1, _capacity / 10);
            foreach (var name in _names.Keys.Take(drop))
            {
                _names.TryRemove(name, out _);
            }
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }
}
