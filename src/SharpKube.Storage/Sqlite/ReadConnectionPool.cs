using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Read connections handed out one per read. In WAL mode readers never block the writer or each other, so reads
/// scale with connections; idle connections beyond a small number are closed.
/// </summary>
internal sealed class ReadConnectionPool : IDisposable
{
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<SqliteReadConnection> _idle = [];
    private readonly string _path;
    private volatile bool _disposed;

    public ReadConnectionPool(string path) => _path = path;

    /// <summary>Runs <paramref name="read"/> on a pooled connection, translating database failures.</summary>
    public T Read<T>(Func<SqliteReadConnection, T> read)
    {
        if (_disposed)
        {
            throw StorageException.Closed();
        }

        var connection = Rent();
        try
        {
            var result = read(connection);
            Return(connection);
            return result;
        }
        catch (SqliteException e)
        {
            // A connection that failed mid-read may hold a half-open transaction; do not reuse it.
            connection.Dispose();
            throw SqliteFile.Translate(e, _path);
        }
        catch
        {
            Return(connection);
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private SqliteReadConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        try
        {
            return new SqliteReadConnection(_path);
        }
        catch (SqliteException e)
        {
            throw SqliteFile.Translate(e, _path);
        }
    }

    private void Return(SqliteReadConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }
}
