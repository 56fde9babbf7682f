namespace SharpKube.Storage;

/// <summary>
/// The datastore contract: a multi-version key-value store with one global, strictly increasing
/// revision, compare-and-swap writes and ordered watches — the shape of etcd v3's KV and Watch APIs,
/// narrowed to what an API server needs.
/// </summary>
/// <remarks>
/// <para>Keys are non-empty UTF-8 strings of at most <see cref="StorageLimits.MaxKeyBytes"/> bytes, ordered by
/// their UTF-8 bytes; values are arbitrary bytes of at most <see cref="StorageLimits.MaxValueBytes"/>.</para>
/// <para>Every successful write bumps the store's revision by one. A key carries the revision that created it
/// (<see cref="KeyValue.CreateRevision"/>) and the revision that last changed it (<see cref="KeyValue.ModRevision"/>).</para>
/// <para>Failures are <see cref="StorageException"/>s whose <see cref="StorageException.Code"/> says what went wrong.</para>
/// </remarks>
public interface IKeyValueStore : IAsyncDisposable
{
    /// <summary>The revision of the newest write the store has acknowledged.</summary>
    ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The value of <paramref name="key"/> at <paramref name="revision"/> (0 = the newest), or null when the key
    /// did not exist then. Fails with <see cref="StorageErrorCode.Compacted"/> for a compacted revision.
    /// </summary>
    ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// The keys under <paramref name="prefix"/> in key order, read at one revision, optionally one page at a time.
    /// </summary>
    ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>The number of keys under <paramref name="prefix"/> now.</summary>
    ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates <paramref name="key"/>; fails with <see cref="StorageErrorCode.AlreadyExists"/> if it exists.
    /// With a <paramref name="ttl"/> the key is deleted (a delete event is written) once it expires.
    /// </summary>
    ValueTask<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value of <paramref name="key"/> if <paramref name="expectedModRevision"/> is 0 or still the key's
    /// <see cref="KeyValue.ModRevision"/>; otherwise fails with <see cref="StorageErrorCode.Conflict"/> carrying the
    /// current value, or <see cref="StorageErrorCode.NotFound"/>. The key's TTL becomes <paramref name="ttl"/>.
    /// </summary>
    ValueTask<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes <paramref name="key"/>, if <paramref name="expectedModRevision"/> is 0 or still the key's mod revision.
    /// Returns the deleted value and the revision of the deletion.
    /// </summary>
    ValueTask<DeleteResult> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every change under <paramref name="prefix"/> with a revision greater than <paramref name="afterRevision"/>,
    /// in revision order, each exactly once, until cancelled. Fails with <see cref="StorageErrorCode.Compacted"/> when
    /// <paramref name="afterRevision"/> is older than the compacted revision, and with
    /// <see cref="StorageErrorCode.WatcherTooSlow"/> when the consumer falls too far behind; resuming from the last
    /// revision seen loses nothing.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Discards every version superseded at or before <paramref name="revision"/>: reads and watches older than it
    /// fail with <see cref="StorageErrorCode.Compacted"/> afterwards. Returns once the space has been reclaimed.
    /// </summary>
    ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default);
}
