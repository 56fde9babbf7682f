using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Controllers.EndpointSlice;

/// <summary>
/// The controller's own slice writes per service, until the informer has seen them: a sync that runs on a cache
/// older than its last writes would create duplicates or undo them, so it waits instead.
/// </summary>
public sealed class SliceWrites
{
    private readonly ConcurrentDictionary<string, Dictionary<string, long?>> _byService = new(StringComparer.Ordinal);

    /// <summary>Records a created or updated slice (its resourceVersion).</summary>
    public void Written(string serviceKey, V1EndpointSlice slice)
    {
        var writes = Writes(serviceKey);
        lock (writes)
        {
            writes[slice.Metadata.Name] = long.Parse(slice.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Records a deleted slice.</summary>
    public void Deleted(string serviceKey, string name)
    {
        var writes = Writes(serviceKey);
        lock (writes)
        {
            writes[name] = null;
        }
    }

    /// <summary>
    /// The informer saw <paramref name="name"/> deleted: whatever was written to it has been seen (a slice written
    /// and then deleted by someone else would otherwise look forever unobserved).
    /// </summary>
    public void ObservedDeletion(string serviceKey, string name)
    {
        if (_byService.TryGetValue(serviceKey, out var writes))
        {
            lock (writes)
            {
                writes.Remove(name);
            }
        }
    }

    /// <summary>Whether <paramref name="cache"/> reflects every recorded write of the service; forgets the ones it does.</summary>
    public bool AllObserved(string serviceKey, Indexer<V1EndpointSlice> cache)
    {
        if (!_byService.TryGetValue(serviceKey, out var writes))
        {
            return true;
        }
        var (ns, _) = MetaNamespaceKey.Split(serviceKey);
        lock (writes)
        {
            if (!AllObserved(ns, writes, cache))
            {
                return false;
            }
        }
        // Only the service's own sync (one worker per key) records writes, so nothing is added meanwhile.
        _byService.TryRemove(serviceKey, out _);
        return true;
    }

    private static bool AllObserved(string? ns, Dictionary<string, long?> writes, Indexer<V1EndpointSlice> cache)
    {
        foreach (var (name, version) in writes.ToList())
        {
            var cached = cache.Get(ns, name);
            var seen = version is null
                ? cached is null
                : cached is not null && long.Parse(cached.Metadata.ResourceVersion, CultureInfo.InvariantCulture) >= version;
            if (seen)
            {
                writes.Remove(name);
            }
        }
        return writes.Count == 0;
    }

    /// <summary>Forgets a service's writes (the service is gone).</summary>
    public void Forget(string serviceKey) => _byService.TryRemove(serviceKey, out _);

    private Dictionary<string, long?> Writes(string serviceKey) =>
        _byService.GetOrAdd(serviceKey, _ => new Dictionary<string, long?>(StringComparer.Ordinal));
}
