using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SharpKube.Storage.Expiry;
using SharpKube.Storage.Sqlite.Writes;
using SharpKube.Storage.Watching;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// The embedded datastore: one SQLite file in WAL mode with fsync on every commit, written by a single group-commit
/// writer and read through a pool of connections. See <see cref="SqliteSchema"/> for the layout and
/// <see cref="SqliteWriter"/> for how writes are made durable.
/// </summary>
public sealed class SqliteStore : IKeyValueStore
{
    private readonly string _path;
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly SqliteWriter _writer;
    private readonly ReadConnectionPool _readers;
    private readonly WatchBroadcaster _broadcaster;
    private readonly TtlSweeper _sweeper;
    private readonly WalCheckpointer _checkpointer;
    private readonly SemaphoreSlim _compaction = new(1, 1);
    private readonly CompactionPacer _compactionPacer;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _resumedCompaction;
    private int _disposed;

    private SqliteStore(string path, SqliteStoreOptions options, SqliteConnection writerConnection)
    {
        _path = path;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<SqliteStore>();
        _compactionPacer = new CompactionPacer(initialRevisions: 64, options.CompactionStepTarget);
        var state = ReadState(writerConnection);
        _broadcaster = new WatchBroadcaster(state.Revision, options.MaxPendingWatchEvents);
        _writer = new SqliteWriter(writerConnection, path, state, _broadcaster, options.MaxWritesPerCommit, _logger);
        _readers = new ReadConnectionPool(path);
        _checkpointer = new WalCheckpointer(path, _writer, TimeSpan.FromMilliseconds(100), _logger);
        _sweeper = new TtlSweeper(this, DueKeys, options.TimeProvider, options.TtlSweepInterval, _logger);
        _sweeper.Start();
        // A compaction interrupted by a crash or restart finishes deleting its rows in the background.
        _resumedCompaction = state.CompactedPhysical < state.Compacted
            ? Task.Run(() => DeleteCompactedAsync(state.CompactedPhysical, state.Compacted, _closing.Token))
            : Task.CompletedTask;
        _logger.LogInformation("Opened SQLite datastore {Path} at revision {Revision}", path, state.Revision);
    }

    /// <summary>The database file.</summary>
    public string Path => _path;

    /// <summary>Transactions committed since the store was opened; each costs one fsync.</summary>
    public long Commits => _writer.Commits;

    /// <summary>
    /// Opens the datastore at <paramref name="path"/>, creating it if missing. Fails with
    /// <see cref="StorageErrorCode.Corrupt"/> — without modifying the file — if it is damaged or not a SharpKube datastore.
    /// </summary>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStoreOptions();
        var connection = SqliteFile.OpenWriter(path, options.VerifyOnOpen);
        try
        {
            return new SqliteStore(path, options, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(_writer.Revision);
    }

    /// <inheritdoc />
    public ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        return ValueTask.FromResult(_readers.Read(r => r.Get(key, revision)));
    }

    /// <inheritdoc />
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        return ValueTask.FromResult(_readers.Read(r => r.List(prefix, options)));
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        return ValueTask.FromResult(_readers.Read(r => r.Count(prefix)));
    }

    /// <inheritdoc />
    public async ValueTask<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        return await _writer.Submit(new CreateOperation(key, value.ToArray(), ExpiresAt(ttl))).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        return await _writer.Submit(new UpdateOperation(key, value.ToArray(), expectedModRevision, ExpiresAt(ttl))).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<DeleteResult> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        return await _writer.Submit(new DeleteOperation(key, expectedModRevision)).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        return _broadcaster.WatchAsync(prefix, afterRevision, ReadHistoryAsync, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _compaction.WaitAsync(cancellationToken);
        try
        {
            var deletedUpTo = await _writer.Submit(new CompactOperation(revision)).WaitAsync(cancellationToken);
            await DeleteCompactedAsync(deletedUpTo, revision, cancellationToken);
        }
        finally
        {
            _compaction.Release();
        }
    }

    /// <summary>Commits what is queued, closes watches and connections, and checkpoints the write-ahead log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync();
        await _sweeper.DisposeAsync();
        await _resumedCompaction.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _writer.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _checkpointer.DisposeAsync();
        _broadcaster.Close(StorageException.Closed());
        _readers.Dispose();
        Checkpoint();
        _writer.Dispose();
        _compaction.Dispose();
        _closing.Dispose();
    }

    private void Checkpoint()
    {
        try
        {
            _writer.Checkpoint();
        }
        catch (SqliteException e)
        {
            _logger.LogWarning(e, "Could not checkpoint {Path} on close (revision {Revision})", _path, _writer.Revision);
        }
    }

    private async Task DeleteCompactedAsync(long from, long to, CancellationToken cancellationToken)
    {
        for (var low = from; low < to;)
        {
            var high = Math.Min(to, low + _compactionPacer.Revisions);
            var held = await _writer.Submit(new CompactStepOperation(low, high)).WaitAsync(cancellationToken);
            _compactionPacer.Observe(held);
            // Leave the writer twice as long without compaction work, so writes queued meanwhile commit at full
            // speed: compaction holds the writer a third of the time at most (at half, write p99 during compaction
            // was twice as high).
            await Task.Delay(held * 2, cancellationToken);
            low = high;
        }
    }

    private async IAsyncEnumerable<WatchEvent> ReadHistoryAsync(
        string prefix, long after, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        while (last < upTo)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = last;
            var page = await Task.Run(() => _readers.Read(r => r.HistoryPage(prefix, from, upTo)), cancellationToken);
            foreach (var e in page)
            {
                yield return e;
            }

            if (!SqliteReadConnection.IsFullPage(page))
            {
                break;
            }

            last = page[^1].Revision;
        }
    }

    private IReadOnlyList<ExpiringKey> DueKeys(DateTimeOffset now, CancellationToken cancellationToken) =>
        _readers.Read(r => r.Expired(now.ToUnixTimeMilliseconds()));

    private long? ExpiresAt(TimeSpan? ttl) =>
        ttl is { } t ? (_options.TimeProvider.GetUtcNow() + t).ToUnixTimeMilliseconds() : null;

    private static SqliteStoreState ReadState(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.ReadMeta;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new SqliteStoreState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private void ValidateWrite(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl)
    {
        ThrowIfDisposed();
        StorageLimits.ValidateKey(key);
        StorageLimits.ValidateValue(key, value);
        StorageLimits.ValidateTtl(ttl);
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw StorageException.Closed();
        }
    }
}
