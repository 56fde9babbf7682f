using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database on its own connection and thread, so the writer never pays
/// for copying the whole log inside a commit. A passive checkpoint runs alongside the writer; then the writer is
/// asked to copy the few frames committed meanwhile (<see cref="SqliteWriter.RequestCheckpoint"/>), after which its
/// next transaction restarts the log from the beginning — which keeps the log file small under constant writes.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The log size past which a checkpoint is worth running (SQLite's own default is 1000 pages).</summary>
    private const long CheckpointAtBytes = 4L * 1024 * 1024;
    private readonly string _walPath;
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private readonly SqliteWriter _writer;

    public WalCheckpointer(string databasePath, SqliteWriter writer, TimeSpan interval, ILogger logger)
    {
        _writer = writer;
        _walPath = databasePath + "-wal";
        _connection = SqliteFile.OpenCheckpointer(databasePath);
        _logger = logger;
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
                if (WalBytes() < CheckpointAtBytes)
                {
                    continue;
                }

                try
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    command.ExecuteNonQuery();
                    _writer.RequestCheckpoint();
                }
                catch (SqliteException e)
                {
                    _logger.LogWarning(e, "Checkpoint of {Path} failed; retrying at the next interval", _walPath);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private long WalBytes()
    {
        try
        {
            return new FileInfo(_walPath).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
