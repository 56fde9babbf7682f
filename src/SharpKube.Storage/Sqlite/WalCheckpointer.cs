using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database on its own connection and thread, so the writer never pays
/// for copying the log inside a commit.
/// </summary>
/// <remarks>
/// <para>A passive checkpoint runs alongside the writer every interval, keeping the database file close behind the
/// log so no checkpoint is ever a large burst of I/O competing with commits.</para>
/// <para>Under constant writes a background checkpoint never quite catches up, so the log would only grow; and a log
/// that grows costs more per commit, because every fdatasync then also commits the file's new size. So once the log
/// passes <see cref="RestartAtBytes"/>, the writer is asked (<see cref="SqliteWriter.RequestCheckpoint"/>) to copy
/// the few frames committed since the last pass, between two commits; its next transaction then starts the log
/// from the beginning, overwriting space the file already has. The writer pays that small stall once per
/// <see cref="RestartAtBytes"/> of log, not once per checkpoint.</para>
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The log size at which the writer restarts it (SQLite's journal_size_limit keeps the file at this size).</summary>
    public const long RestartAtBytes = 64L * 1024 * 1024;
    private readonly SqliteConnection _connection;
    private readonly SqliteWriter _writer;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _pageBytes;

    public WalCheckpointer(string databasePath, SqliteWriter writer, TimeSpan interval, ILogger logger)
    {
        _path = databasePath;
        _writer = writer;
        _logger = logger;
        _connection = SqliteFile.OpenCheckpointer(databasePath);
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "PRAGMA page_size";
            _pageBytes = (long)command.ExecuteScalar()!;
        }

        _loop = Task.Run(() => RunAsync(interval, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _connection.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var logFrames = CheckpointPassive();
                    if (logFrames * (_pageBytes + 24) >= RestartAtBytes)
                    {
                        _writer.RequestCheckpoint();
                    }
                }
                catch (SqliteException e)
                {
                    _logger.LogWarning(e, "Checkpoint of {Path} failed; retrying at the next interval", _path);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs a passive checkpoint; returns the number of frames in the log.</summary>
    private long CheckpointPassive()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }
}
