using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// The writer connection's prepared statements. Only the writer thread touches them; every method runs inside the
/// writer's open transaction.
/// </summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _readCurrent;
    private readonly SqliteCommand _exists;
    private readonly SqliteCommand _insertVersion;
    private readonly SqliteCommand _clearExpiry;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteCommand _deleteSuperseded;
    private readonly SqliteCommand _deleteTombstones;

    public WriterStatements(SqliteConnection connection)
    {
        Connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _readCurrent = Prepare("SELECT rev, created, deleted, expires IS NOT NULL, value FROM kv WHERE key = $key ORDER BY rev DESC LIMIT 1", "$key");
        _exists = Prepare("SELECT deleted FROM kv WHERE key = $key ORDER BY rev DESC LIMIT 1", "$key");
        _insertVersion = Prepare(
            "INSERT INTO kv (key, rev, created, prev_rev, deleted, expires, value) VALUES ($key, $rev, $created, $prev, $deleted, $expires, $value)",
            "$key", "$rev", "$created", "$prev", "$deleted", "$expires", "$value");
        _clearExpiry = Prepare("UPDATE kv SET expires = NULL WHERE key = $key AND rev = $rev", "$key", "$rev");
        _setMeta = Prepare("UPDATE meta SET value = $value WHERE name = $name", "$name", "$value");
        _deleteSuperseded = Prepare(
            "DELETE FROM kv WHERE (key, rev) IN (SELECT key, prev_rev FROM kv WHERE rev > $low AND rev <= $high AND prev_rev IS NOT NULL)",
            "$low", "$high");
        _deleteTombstones = Prepare("DELETE FROM kv WHERE rev > $low AND rev <= $high AND deleted = 1", "$low", "$high");
    }

    public SqliteConnection Connection { get; }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Rollback()
    {
        // SQLite may already have rolled back on its own (disk full, I/O error).
        if (!Connection.AutoCommit())
        {
            _rollback.ExecuteNonQuery();
        }
    }

    /// <summary>The live version of a key, or null; <paramref name="hasExpiry"/> says whether that version carries a TTL.</summary>
    public KeyValue? ReadCurrent(string key, out bool hasExpiry)
    {
        _readCurrent.Parameters[0].Value = key;
        using var reader = _readCurrent.ExecuteReader();
        hasExpiry = false;
        if (!reader.Read() || reader.GetInt64(2) != 0)
        {
            return null;
        }

        hasExpiry = reader.GetInt64(3) != 0;
        return new KeyValue(key, SqliteValues.Bytes(reader, 4), reader.GetInt64(1), reader.GetInt64(0));
    }

    /// <summary>Whether the key is live (its newest version is not a tombstone).</summary>
    public bool Exists(string key)
    {
        _exists.Parameters[0].Value = key;
        return _exists.ExecuteScalar() is long deleted && deleted == 0;
    }

    public void InsertVersion(string key, long revision, long created, long? previous, bool deleted, long? expires, byte[]? value)
    {
        var p = _insertVersion.Parameters;
        p[0].Value = key;
        p[1].Value = revision;
        p[2].Value = created;
        p[3].Value = previous is { } prev ? prev : DBNull.Value;
        p[4].Value = deleted ? 1 : 0;
        p[5].Value = expires is { } e ? e : DBNull.Value;
        p[6].Value = value is null ? DBNull.Value : value;
        _insertVersion.ExecuteNonQuery();
    }

    /// <summary>Drops the TTL of a superseded version, so the sweeper stops looking at it.</summary>
    public void ClearExpiry(string key, long revision)
    {
        _clearExpiry.Parameters[0].Value = key;
        _clearExpiry.Parameters[1].Value = revision;
        _clearExpiry.ExecuteNonQuery();
    }

    public void SetMeta(string name, long value)
    {
        _setMeta.Parameters[0].Value = name;
        _setMeta.Parameters[1].Value = value;
        _setMeta.ExecuteNonQuery();
    }

    /// <summary>Deletes the versions superseded by, and the tombstones among, the revisions in (low, high].</summary>
    public int DeleteCompacted(long low, long high)
    {
        _deleteSuperseded.Parameters[0].Value = low;
        _deleteSuperseded.Parameters[1].Value = high;
        _deleteTombstones.Parameters[0].Value = low;
        _deleteTombstones.Parameters[1].Value = high;
        return _deleteSuperseded.ExecuteNonQuery() + _deleteTombstones.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[]
                 {
                     _begin, _commit, _rollback, _readCurrent, _exists, _insertVersion, _clearExpiry, _setMeta,
                     _deleteSuperseded, _deleteTombstones,
                 })
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteFile.Prepare(Connection, sql, parameters);
}
