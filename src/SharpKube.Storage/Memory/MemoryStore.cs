using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Storage.Expiry;
using SharpKube.Storage.Watching;

namespace SharpKube.Storage.Memory;

/// <summary>
/// The in-memory driver: the full contract (revisions, history, compaction, watches, TTLs) without durability.
/// For tests and benchmarks; one lock orders every write.
/// </summary>
public sealed class MemoryStore : IKeyValueStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KeyHistory> _keys = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _order = new(KeyRange.Comparer);
    private readonly EventLog _log = new();
    private readonly SemaphoreSlim _compaction = new(1, 1);
    private HashSet<string> _writtenSinceCompaction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly WatchBroadcaster _broadcaster;
    private readonly TtlSweeper _sweeper;
    private long _revision;
    private long _compacted;
    private bool _closed;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock TTLs are measured with (default: the system clock).</param>
    /// <param name="maxPendingWatchEvents">How far a watcher may fall behind before it is cut off.</param>
    public MemoryStore(TimeProvider? time = null, int maxPendingWatchEvents = 100_000)
    {
        _time = time ?? TimeProvider.System;
        _broadcaster = new WatchBroadcaster(0, maxPendingWatchEvents);
        _sweeper = new TtlSweeper(this, DueKeys, _time, TimeSpan.FromMilliseconds(250), NullLogger.Instance);
        _sweeper.Start();
    }

    /// <inheritdoc />
    public ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfClosed();
            return ValueTask.FromResult(_revision);
        }
    }

    /// <inheritdoc />
    public ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        lock (_lock)
        {
            ThrowIfClosed();
            var at = ReadRevision(revision);
            return ValueTask.FromResult(_keys.TryGetValue(key, out var history) ? history.At(at) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        lock (_lock)
        {
            ThrowIfClosed();
            var at = ReadRevision(options.Revision);
            var items = new List<KeyValue>();
            var more = false;
            foreach (var key in KeysUnder(prefix, options.ContinueAfter))
            {
                if (_keys[key].At(at) is not { } kv)
                {
                    continue;
                }

                if (options.Limit > 0 && items.Count == options.Limit)
                {
                    more = true;
                    break;
                }

                items.Add(kv);
            }

            return ValueTask.FromResult(new ListResult(items, at, more));
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        lock (_lock)
        {
            ThrowIfClosed();
            long count = 0;
            foreach (var key in KeysUnder(prefix, null))
            {
                if (_keys[key].Current is not null)
                {
                    count++;
                }
            }

            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        lock (_lock)
        {
            ThrowIfClosed();
            _keys.TryGetValue(key, out var history);
            if (history?.Current is not null)
            {
                throw StorageException.AlreadyExists(key);
            }

            var revision = _revision + 1;
            var kv = new KeyValue(key, value.ToArray(), revision, revision);
            if (history is null)
            {
                history = new KeyHistory();
                _keys.Add(key, history);
                _order.Add(key);
            }
            else
            {
                // A key created anew keeps its old versions and tombstone until compaction trims them.
                _writtenSinceCompaction.Add(key);
            }

            Commit(history, kv, new WatchEvent(WatchEventType.Created, key, revision, kv, null), ttl);
            return ValueTask.FromResult(kv);
        }
    }

    /// <inheritdoc />
    public ValueTask<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        lock (_lock)
        {
            ThrowIfClosed();
            var (history, current) = CurrentFor(key, expectedModRevision);
            var revision = _revision + 1;
            var kv = new KeyValue(key, value.ToArray(), current.CreateRevision, revision);
            Commit(history, kv, new WatchEvent(WatchEventType.Updated, key, revision, kv, current), ttl);
            return ValueTask.FromResult(kv);
        }
    }

    /// <inheritdoc />
    public ValueTask<DeleteResult> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        lock (_lock)
        {
            ThrowIfClosed();
            var (history, current) = CurrentFor(key, expectedModRevision);
            var revision = _revision + 1;
            Commit(history, null, new WatchEvent(WatchEventType.Deleted, key, revision, null, current), null);
            return ValueTask.FromResult(new DeleteResult(revision, current));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        return _broadcaster.WatchAsync(prefix, afterRevision, ReadHistoryAsync, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only keys written since the previous compaction can hold superseded versions; they are trimmed a chunk at a
    /// time, releasing the lock between chunks so writers never wait for the whole compaction.
    /// </remarks>
    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        await _compaction.WaitAsync(cancellationToken);
        try
        {
            string[] written;
            lock (_lock)
            {
                ThrowIfClosed();
                if (revision > _revision)
                {
                    throw StorageException.FutureRevision(revision, _revision);
                }

                if (revision <= _compacted)
                {
                    throw StorageException.Compacted(revision, _compacted);
                }

                _compacted = revision;
                _log.DropThrough(revision);
                written = [.. _writtenSinceCompaction];
                _writtenSinceCompaction = new HashSet<string>(StringComparer.Ordinal);
            }

            const int chunk = 8192;
            for (var start = 0; start < written.Length; start += chunk)
            {
                lock (_lock)
                {
                    foreach (var key in written.AsSpan(start, Math.Min(chunk, written.Length - start)))
                    {
                        if (_keys.TryGetValue(key, out var history))
                        {
                            history.Compact(revision);
                            if (history.IsEmpty)
                            {
                                _keys.Remove(key);
                                _order.Remove(key);
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            _compaction.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        await _sweeper.DisposeAsync();
        _broadcaster.Close(StorageException.Closed());
    }

    private void Commit(KeyHistory history, KeyValue? kv, WatchEvent change, TimeSpan? ttl)
    {
        _revision = change.Revision;
        history.Add(change.Revision, kv);
        _log.Append(change);
        if (change.Type != WatchEventType.Created)
        {
            // Only a key with more than one version has anything for compaction to trim.
            _writtenSinceCompaction.Add(change.Key);
        }
        if (ttl is { } t && kv is not null)
        {
            _expiries[change.Key] = _time.GetUtcNow() + t;
        }
        else
        {
            _expiries.Remove(change.Key);
        }

        // Published under the lock so batches reach watchers in revision order.
        _broadcaster.Publish(change);
    }

    private (KeyHistory History, KeyValue Current) CurrentFor(string key, long expectedModRevision)
    {
        if (!_keys.TryGetValue(key, out var history) || history.Current is not { } current)
        {
            throw StorageException.NotFound(key);
        }

        if (expectedModRevision != 0 && current.ModRevision != expectedModRevision)
        {
            throw StorageException.Conflict(key, expectedModRevision, current);
        }

        return (history, current);
    }

    private long ReadRevision(long requested) => new ReadableRevisions(_revision, _compacted).Resolve(requested);

    private IEnumerable<string> KeysUnder(string prefix, string? continueAfter)
    {
        if (_order.Count == 0)
        {
            yield break;
        }

        var start = continueAfter is not null && KeyRange.Comparer.Compare(continueAfter, prefix) > 0 ? continueAfter : prefix;
        var end = KeyRange.End(prefix);
        var max = _order.Max!;
        if (KeyRange.Comparer.Compare(start, max) > 0)
        {
            yield break;
        }

        foreach (var key in _order.GetViewBetween(start, max))
        {
            if (end is not null && KeyRange.Comparer.Compare(key, end) >= 0)
            {
                yield break;
            }

            if (key != continueAfter)
            {
                yield return key;
            }
        }
    }

    private IReadOnlyList<ExpiringKey> DueKeys(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _expiries.Where(e => e.Value <= now)
                .Select(e => new ExpiringKey(e.Key, _keys[e.Key].Current!.ModRevision))
                .ToList();
        }
    }

#pragma warning disable CS1998 // History is in memory; the iterator is async to match the driver contract.
    private async IAsyncEnumerable<WatchEvent> ReadHistoryAsync(
        string prefix, long after, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        WatchEvent[] events;
        lock (_lock)
        {
            if (after < _compacted)
            {
                throw StorageException.Compacted(after, _compacted);
            }

            events = [.. _log.Range(prefix, after, upTo)];
        }

        foreach (var e in events)
        {
            yield return e;
        }
    }

    private static void ValidateWrite(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl)
    {
        StorageLimits.ValidateKey(key);
        StorageLimits.ValidateValue(key, value);
        StorageLimits.ValidateTtl(ttl);
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw StorageException.Closed();
        }
    }
}
