using k8s;
using k8s.Models;

namespace SharpKube.Client.Informers;

/// <summary>
/// An informer's local cache: the objects by <see cref="MetaNamespaceKey"/>, indexed by namespace, by owner uid
/// and by any named <see cref="IndexFunc{T}"/> added. Safe to read from any thread. Objects are shared with
/// every reader: never mutate one — copy it (the models are records: <c>obj with { … }</c> is shallow) first.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Indexer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamedIndex<T>> _indexes = new(StringComparer.Ordinal);

    /// <summary>An empty cache with the namespace and owner-uid indexes.</summary>
    public Indexer()
    {
        AddIndexer(IndexNames.Namespace, obj => [obj.Metadata?.NamespaceProperty ?? ""]);
        AddIndexer(IndexNames.OwnerUid, obj => obj.Metadata?.OwnerReferences?.Select(owner => owner.Uid) ?? []);
    }

    /// <summary>How many objects the cache holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>The object <paramref name="name"/> in <paramref name="ns"/> (null for cluster-scoped), or null.</summary>
    public T? Get(string? ns, string name) => GetByKey(MetaNamespaceKey.For(ns, name));

    /// <summary>The object with the given <see cref="MetaNamespaceKey"/>, or null.</summary>
    public T? GetByKey(string key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>Every object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>Every object in <paramref name="ns"/>.</summary>
    public IReadOnlyList<T> List(string ns) => ByIndex(IndexNames.Namespace, ns);

    /// <summary>The keys of every object.</summary>
    public IReadOnlyList<string> ListKeys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects indexed under <paramref name="value"/> in the index <paramref name="indexName"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such index.</exception>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            return [.. IndexNamed(indexName).KeysOf(value).Select(key => _items[key])];
        }
    }

    /// <summary>The keys of the objects indexed under <paramref name="value"/> in the index <paramref name="indexName"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such index.</exception>
    public IReadOnlyList<string> IndexKeys(string indexName, string value)
    {
        lock (_lock)
        {
            return [.. IndexNamed(indexName).KeysOf(value)];
        }
    }

    /// <summary>Adds a named index, built at once over the objects already cached.</summary>
    /// <exception cref="ArgumentException">An index of that name exists.</exception>
    public void AddIndexer(string indexName, IndexFunc<T> indexFunc)
    {
        ArgumentNullException.ThrowIfNull(indexName);
        ArgumentNullException.ThrowIfNull(indexFunc);
        lock (_lock)
        {
            if (_indexes.ContainsKey(indexName))
            {
                throw new ArgumentException($"an index named '{indexName}' exists", nameof(indexName));
            }
            AddIndexLocked(indexName, indexFunc);
        }
    }

    /// <summary>
    /// Adds a named index unless one of that name exists (several controllers sharing an informer may each ask for
    /// the same index): true when this call added it.
    /// </summary>
    public bool TryAddIndexer(string indexName, IndexFunc<T> indexFunc)
    {
        ArgumentNullException.ThrowIfNull(indexName);
        ArgumentNullException.ThrowIfNull(indexFunc);
        lock (_lock)
        {
            if (_indexes.ContainsKey(indexName))
            {
                return false;
            }
            AddIndexLocked(indexName, indexFunc);
            return true;
        }
    }

    /// <summary>Adds or replaces an object; returns the one it replaced.</summary>
    internal T? Upsert(string key, T obj)
    {
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            _items[key] = obj;
            foreach (var index in _indexes.Values)
            {
                index.Update(key, old, obj);
            }
            return old;
        }
    }

    /// <summary>Removes an object; returns it, or null when it was not cached.</summary>
    internal T? Remove(string key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }
            foreach (var index in _indexes.Values)
            {
                index.Update(key, old, null);
            }
            return old;
        }
    }

    private void AddIndexLocked(string indexName, IndexFunc<T> indexFunc)
    {
        var index = new NamedIndex<T>(indexFunc);
        foreach (var (key, obj) in _items)
        {
            index.Update(key, null, obj);
        }
        _indexes.Add(indexName, index);
    }

    private NamedIndex<T> IndexNamed(string indexName) =>
        _indexes.TryGetValue(indexName, out var index) ? index : throw new KeyNotFoundException($"no index named '{indexName}'");
}
