using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SharpKube.Storage.Sqlite.Writes;
using SharpKube.Storage.Watching;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// The single writer with group commit: one thread takes every write queued while the previous transaction was
/// committing, applies them in order in one transaction, commits (one fsync for all of them), then acknowledges
/// them and publishes their events. Durability costs one fsync per batch, not per write.
/// </summary>
/// <remarks>
/// Invariants: only this thread writes the database, so revisions are assigned in commit order without locks;
/// callers are acknowledged only after COMMIT returns; events are published after commit, in revision order.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly WriterStatements _sql;
    private readonly WatchBroadcaster _broadcaster;
    private readonly string _path;
    private readonly int _maxWritesPerCommit;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<WriteOperation> _queued = [];
    private List<WriteOperation> _draining = [];
    private bool _stopping;
    private volatile bool _checkpointRequested;
    private long _commits;
    private long _revision;
    private long _compacted;
    private long _compactedPhysical;

    public SqliteWriter(
        SqliteConnection connection, string path, SqliteStoreState state,
        WatchBroadcaster broadcaster, int maxWritesPerCommit, ILogger logger)
    {
        _sql = new WriterStatements(connection);
        _path = path;
        (_revision, _compacted, _compactedPhysical) = state;
        _broadcaster = broadcaster;
        _maxWritesPerCommit = maxWritesPerCommit;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sharpkube-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>The newest committed revision.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Transactions committed so far (each one fsync), for tests and metrics.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>How far compacted rows have been deleted.</summary>
    public long CompactedPhysical => Volatile.Read(ref _compactedPhysical);

    /// <summary>Queues a write; its task completes once it is durable (or refused).</summary>
    public Task<T> Submit<T>(WriteOperation<T> operation)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                throw StorageException.Closed();
            }

            _queued.Add(operation);
            if (_queued.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return operation.Task;
    }

    /// <summary>Stops taking writes, commits what is queued, and stops the thread.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        return _stopped.Task;
    }

    /// <summary>
    /// Asks the writer to finish a checkpoint between two commits: after a background pass has copied most of the
    /// log, the writer copies the few frames committed since, so its next transaction can restart the log from the
    /// beginning. Without this, a writer that never pauses keeps the log growing.
    /// </summary>
    public void RequestCheckpoint() => _checkpointRequested = true;

    /// <summary>Copies the write-ahead log into the database and truncates it (call after <see cref="StopAsync"/>).</summary>
    public void Checkpoint() => RunCheckpoint("TRUNCATE");

    public void Dispose()
    {
        _sql.Dispose();
        _sql.Connection.Dispose();
    }

    private void Run()
    {
        try
        {
            while (TakeQueued() is { } batch)
            {
                for (var start = 0; start < batch.Count; start += _maxWritesPerCommit)
                {
                    var count = Math.Min(_maxWritesPerCommit, batch.Count - start);
                    CommitOrSplit(batch.GetRange(start, count));
                }

                batch.Clear();
                if (_checkpointRequested)
                {
                    _checkpointRequested = false;
                    FinishCheckpoint();
                }
            }

            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "SQLite writer stopped unexpectedly");
            _stopped.TrySetException(e);
        }
    }

    private void FinishCheckpoint()
    {
        try
        {
            RunCheckpoint("PASSIVE");
        }
        catch (SqliteException e)
        {
            _logger.LogWarning(e, "Checkpoint of {Path} failed; the next one will retry", _path);
        }
    }

    private void RunCheckpoint(string mode)
    {
        using var command = _sql.Connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        command.ExecuteNonQuery();
    }

    private List<WriteOperation>? TakeQueued()
    {
        lock (_gate)
        {
            while (_queued.Count == 0 && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            if (_queued.Count == 0)
            {
                return null;
            }

            (_queued, _draining) = (_draining, _queued);
            return _draining;
        }
    }

    private void CommitOrSplit(List<WriteOperation> operations)
    {
        var failure = TryCommit(operations);
        if (failure is null)
        {
            return;
        }

        if (operations.Count == 1)
        {
            _logger.LogError(failure, "SQLite write failed");
            operations[0].Fail(failure is SqliteException sqlite
                ? SqliteFile.Translate(sqlite, _path)
                : new StorageException(StorageErrorCode.Unavailable, $"the write to {_path} failed: {failure.Message}", failure));
            return;
        }

        // Retry one by one so a single bad write cannot fail the writes committed alongside it.
        foreach (var operation in operations)
        {
            CommitOrSplit([operation]);
        }
    }

    private Exception? TryCommit(List<WriteOperation> operations)
    {
        var batch = new WriteBatch(_sql, _revision, _compacted, _compactedPhysical);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _sql.Begin();
            foreach (var operation in operations)
            {
                operation.Apply(batch);
            }

            if (batch.Revision != _revision)
            {
                _sql.SetMeta("revision", batch.Revision);
            }

            _sql.Commit();
        }
        catch (Exception e)
        {
            try
            {
                _sql.Rollback();
            }
            catch (SqliteException rollback)
            {
                _logger.LogWarning(rollback, "SQLite rollback failed after a failed write");
            }

            return e;
        }

        Volatile.Write(ref _revision, batch.Revision);
        Interlocked.Increment(ref _commits);
        _compacted = batch.Compacted;
        Volatile.Write(ref _compactedPhysical, batch.CompactedPhysical);
        var transactionTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        foreach (var operation in operations)
        {
            operation.Complete(transactionTime);
        }

        if (batch.Events.Count > 0)
        {
            _broadcaster.Publish([.. batch.Events]);
        }

        return null;
    }
}
