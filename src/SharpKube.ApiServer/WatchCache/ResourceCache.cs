using SharpKube.ApiMachinery.Errors;
using SharpKube.Storage;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// The in-memory copy of one resource's objects (all versions of a resource share one, by storage
/// prefix), with recent history and the active watchers. Fed in revision order by
/// <see cref="ClusterWatchCache"/>; serves LIST and WATCH without touching the datastore.
/// </summary>
public sealed class ResourceCache
{
    private const int WatcherQueueCapacity = 10_000;

    private readonly Lock _lock = new();
    private readonly ClusterWatchCache _owner;
    private readonly SortedDictionary<string, SortedDictionary<string, CachedObject>> _byNamespace =
        new(NamespaceBucketComparer.Instance);
    private readonly HashSet<CacheWatcher> _watchers = [];
    private EventRing _history;
    private long _revision;
    private int _count;

    internal ResourceCache(ClusterWatchCache owner, string storagePrefix, SelectableFieldExtractor fields, long revision)
    {
        _owner = owner;
        StoragePrefix = storagePrefix;
        Fields = fields;
        _revision = revision;
        _history = new EventRing(revision, owner.Time, owner.HistoryRetention);
    }

    /// <summary>The datastore key prefix of the resource.</summary>
    public string StoragePrefix { get; }

    /// <summary>How this resource's selectable fields are computed.</summary>
    public SelectableFieldExtractor Fields { get; }

    /// <summary>The revision of the last change to this resource the cache has applied.</summary>
    public long LastChangeRevision { get; private set; }

    /// <summary>Number of objects held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Returns the object with the given key, or null.</summary>
    public CachedObject? Get(string ns, string name)
    {
        lock (_lock)
        {
            return _byNamespace.TryGetValue(ns, out var bucket) && bucket.TryGetValue(name, out var obj) ? obj : null;
        }
    }

    /// <summary>
    /// The objects matching <paramref name="filter"/> in key order, starting after <paramref name="continueAfterKey"/>,
    /// at most <paramref name="limit"/> (0 = all); <paramref name="more"/> says whether more remain.
    /// <paramref name="revision"/> is the revision the snapshot is consistent at.
    /// </summary>
    public List<CachedObject> List(ObjectFilter filter, string? continueAfterKey, int limit, out long revision, out bool more)
    {
        var result = new List<CachedObject>();
        more = false;
        lock (_lock)
        {
            revision = Math.Max(_revision, _owner.Revision);
            IEnumerable<SortedDictionary<string, CachedObject>> buckets;
            if (filter.Namespace is not null)
            {
                buckets = _byNamespace.TryGetValue(filter.Namespace, out var only) ? [only] : [];
            }
            else
            {
                buckets = _byNamespace.Values;
            }
            foreach (var bucket in buckets)
            {
                if (filter.ExactName is not null)
                {
                    if (bucket.TryGetValue(filter.ExactName, out var named) && After(named, continueAfterKey) && filter.Matches(named))
                    {
                        if (limit > 0 && result.Count == limit)
                        {
                            more = true;
                            return result;
                        }
                        result.Add(named);
                    }
                    continue;
                }
                foreach (var obj in bucket.Values)
                {
                    if (!After(obj, continueAfterKey) || !filter.Matches(obj))
                    {
                        continue;
                    }
                    if (limit > 0 && result.Count == limit)
                    {
                        more = true;
                        return result;
                    }
                    result.Add(obj);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromRevision"/> null the watcher first receives an ADDED event
    /// for every matching object; otherwise it receives every change after that revision.
    /// Throws 410 Expired when the history no longer reaches back to <paramref name="fromRevision"/>.
    /// </summary>
    public CacheWatcher Watch(ObjectFilter filter, long? fromRevision, out long startRevision)
    {
        lock (_lock)
        {
            startRevision = Math.Max(_revision, _owner.Revision);
            var watcher = new CacheWatcher(filter, WatcherQueueCapacity, Unregister);
            if (fromRevision is null)
            {
                var initial = List(filter, null, 0, out _, out _)
                    .Select(o => new WatchNotification(WatchNotificationType.Added, o));
                watcher.Prefill(initial, []);
            }
            else
            {
                if (fromRevision < _history.OldestResumableRevision)
                {
                    throw StatusErrors.Expired($"too old resource version: {fromRevision} ({_history.OldestResumableRevision})");
                }
                watcher.Prefill([], _history.After(fromRevision.Value));
            }
            _watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>Applies one change from the datastore and fans it out to the watchers.</summary>
    internal void Apply(CacheEvent cacheEvent)
    {
        lock (_lock)
        {
            var obj = cacheEvent.Object;
            if (cacheEvent.Type == WatchEventType.Deleted)
            {
                if (_byNamespace.TryGetValue(obj.Namespace, out var bucket) && bucket.Remove(obj.Name))
                {
                    _count--;
                    if (bucket.Count == 0)
                    {
                        _byNamespace.Remove(obj.Namespace);
                    }
                }
            }
            else
            {
                if (!_byNamespace.TryGetValue(obj.Namespace, out var bucket))
                {
                    bucket = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
                    _byNamespace.Add(obj.Namespace, bucket);
                }
                if (!bucket.ContainsKey(obj.Name))
                {
                    _count++;
                }
                bucket[obj.Name] = obj;
            }
            _revision = cacheEvent.Revision;
            LastChangeRevision = cacheEvent.Revision;
            _history.Add(cacheEvent);
            foreach (var watcher in _watchers)
            {
                watcher.Deliver(cacheEvent);
            }
            _watchers.RemoveWhere(w => w.Overflowed);
        }
    }

    /// <summary>Loads an object during initialization (no event, no watchers yet).</summary>
    internal void Load(CachedObject obj)
    {
        lock (_lock)
        {
            if (!_byNamespace.TryGetValue(obj.Namespace, out var bucket))
            {
                bucket = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
                _byNamespace.Add(obj.Namespace, bucket);
            }
            if (!bucket.ContainsKey(obj.Name))
            {
                _count++;
            }
            bucket[obj.Name] = obj;
        }
    }

    /// <summary>Drops all state and ends every watch (after the datastore watch was lost).</summary>
    internal void Reset(long revision)
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }
            _watchers.Clear();
            _byNamespace.Clear();
            _count = 0;
            _revision = revision;
            _history = new EventRing(revision, _owner.Time, _owner.HistoryRetention);
        }
    }

    /// <summary>Number of active watchers.</summary>
    public int WatcherCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    private void Unregister(CacheWatcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }
    }

    private static bool After(CachedObject obj, string? continueAfterKey) =>
        continueAfterKey is null || string.CompareOrdinal(obj.Key, continueAfterKey) > 0;
}
