namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// What each controller (by key) is still waiting to see in its pod cache after its own writes: how many creations,
/// and which pods' deletions. A controller syncs a key only when its expectations are met or have expired, so a
/// cache that lags behind the controller's writes never makes it create or delete the same replicas twice.
/// Expectations expire after <see cref="Timeout"/> (a watch event lost for good must not stall a controller). Thread-safe.
/// </summary>
public sealed class ControllerExpectations(TimeProvider time)
{
    /// <summary>How long unmet expectations hold a controller back (upstream: 5 minutes).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Expectation> _byKey = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> may sync: nothing expected, everything observed, or the expectations expired.</summary>
    public bool Satisfied(string key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var expectation))
            {
                return true;
            }
            return expectation.Creations <= 0 && expectation.PendingDeletions.Count == 0
                || time.GetUtcNow() - expectation.SetAt > Timeout;
        }
    }

    /// <summary>Expects <paramref name="count"/> pod creations for <paramref name="key"/> (replacing what was expected before).</summary>
    public void ExpectCreations(string key, int count)
    {
        lock (_lock)
        {
            _byKey[key] = new Expectation(count, new HashSet<string>(StringComparer.Ordinal), time.GetUtcNow());
        }
    }

    /// <summary>Expects the deletion of the pods with these keys (<c>namespace/name</c>) for <paramref name="key"/>.</summary>
    public void ExpectDeletions(string key, IEnumerable<string> podKeys)
    {
        lock (_lock)
        {
            _byKey[key] = new Expectation(0, new HashSet<string>(podKeys, StringComparer.Ordinal), time.GetUtcNow());
        }
    }

    /// <summary>One expected creation was observed (or will never happen: the create failed or was skipped).</summary>
    public void CreationObserved(string key)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var expectation))
            {
                expectation.Creations--;
            }
        }
    }

    /// <summary>
    /// The deletion of pod <paramref name="podKey"/> was observed (or will never happen). Observing the same pod
    /// twice (its deletionTimestamp, then its removal) counts once.
    /// </summary>
    public void DeletionObserved(string key, string podKey)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var expectation))
            {
                expectation.PendingDeletions.Remove(podKey);
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/>: its controller was deleted (a new one of the same name starts afresh).</summary>
    public void Delete(string key)
    {
        lock (_lock)
        {
            _byKey.Remove(key);
        }
    }

    private sealed class Expectation(int creations, HashSet<string> pendingDeletions, DateTimeOffset setAt)
    {
        public int Creations { get; set; } = creations;

        public HashSet<string> PendingDeletions { get; } = pendingDeletions;

        public DateTimeOffset SetAt { get; } = setAt;
    }
}
