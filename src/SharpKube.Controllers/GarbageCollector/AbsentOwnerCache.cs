namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Owners known not to exist (deleted, or never at those coordinates with that uid): uids are never reused, so an
/// answer once found stays right, and the hundreds of pods of a deleted ReplicaSet need one lookup, not hundreds.
/// Bounded: the least recently used entries go first. Thread-safe.
/// </summary>
public sealed class AbsentOwnerCache(int capacity = 500)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<ObjectIdentity> _order = new();
    private readonly Dictionary<ObjectIdentity, LinkedListNode<ObjectIdentity>> _entries = new(IdentityComparer.Instance);

    /// <summary>Remembers that <paramref name="identity"/> does not exist.</summary>
    public void Add(ObjectIdentity identity)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(identity, out var existing))
            {
                _order.Remove(existing);
                _order.AddFirst(existing);
                return;
            }
            _entries[identity] = _order.AddFirst(identity);
            if (_entries.Count > capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value);
            }
        }
    }

    /// <summary>True when <paramref name="identity"/> is known not to exist.</summary>
    public bool Contains(ObjectIdentity identity)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(identity, out var entry))
            {
                return false;
            }
            _order.Remove(entry);
            _order.AddFirst(entry);
            return true;
        }
    }

    /// <summary>Compares identities by object (the apiVersion's version does not matter).</summary>
    private sealed class IdentityComparer : IEqualityComparer<ObjectIdentity>
    {
        public static readonly IdentityComparer Instance = new();

        public bool Equals(ObjectIdentity? x, ObjectIdentity? y) => x is null ? y is null : x.SameObjectAs(y!);

        public int GetHashCode(ObjectIdentity obj) => HashCode.Combine(obj.Uid, obj.Group, obj.Kind, obj.Name, obj.Namespace);
    }
}
