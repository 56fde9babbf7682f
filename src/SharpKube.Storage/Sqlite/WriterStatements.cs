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
    private readonly SqliteCommand _insertCurrent;
    private readonly SqliteCommand _updateCurrent;
    private readonly SqliteCommand _deleteCurrent;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteCommand _deleteSuperseded;
    private readonly SqliteCommand _deleteTombstones;

    public WriterStatements(SqliteConnection connection)
    {
        Connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _readCurrent = Prepare("SELECT c.rev, c.created, k.value FROM current c JOIN kv k ON k.rev = c.rev WHERE c.key = $key", "$key");
        _exists = Prepare("SELECT 1 FROM current WHERE key = $key", "$key");
        _insertVersion = Prepare(
            "INSERT INTO kv (rev, key, created, prev_rev, deleted, value) VALUES ($rev, $key, $created, $prev, $deleted, $value)",
            "$rev", "$key", "$created", "$prev", "$deleted", "$value");
        _insertCurrent = Prepare("INSERT INTO current (key, rev, created, expires) VALUES ($key, $rev, $created, $expires)",
            "$key", "$rev", "$created", "$expires");
        _updateCurrent = Prepare("UPDATE current SET rev = $rev, expires = $expires WHERE key = $key", "$key", "$rev", "$expires");
        _deleteCurrent = Prepare("DELETE FROM current WHERE key = $key", "$key");
        _setMeta = Prepare("UPDATE meta SET value = $value WHERE name = $name", "$name", "$value");
        _deleteSuperseded = Prepare(
            "DELETE FROM kv WHERE rev IN (SELECT prev_rev FROM kv WHERE rev > $low AND rev <= $high AND prev_rev IS NOT NULL)",
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

    /// <summary>The live version of a key, or null.</summary>
    public KeyValue? ReadCurrent(string key)
    {
        _readCurrent.Parameters[0].Value = key;
        using var reader = _readCurrent.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new KeyValue(key, SqliteValues.Bytes(reader, 2), reader.GetInt64(1), reader.GetInt64(0));
    }

    public bool Exists(string key)
    {
        _exists.Parameters[0].Value = key;
        return _exists.ExecuteScalar() is not null;
    }

    public void InsertVersion(long revision, string key, long created, long? previous, bool deleted, byte[]? value)
    {
        var p = _insertVersion.Parameters;
        p[0].Value = revision;
        p[1].Value = key;
        p[2].Value = created;
        p[3].Value = previous is { } prev ? prev : DBNull.Value;
        p[4].Value = deleted ? 1 : 0;
        p[5].Value = value is null ? DBNull.Value : value;
        _insertVersion.ExecuteNonQuery();
    }

    public void InsertCurrent(string key, long revision, long created, long? expires)
    {
        var p = _insertCurrent.Parameters;
        p[0].Value = key;
        p[1].Value = revision;
        p[2].Value = created;
        p[3].Value = expires is { } e ? e : DBNull.Value;
        _insertCurrent.ExecuteNonQuery();
    }

    public void UpdateCurrent(string key, long revision, long? expires)
    {
        var p = _updateCurrent.Parameters;
        p[0].Value = key;
        p[1].Value = revision;
        p[2].Value = expires is { } e ? e : DBNull.Value;
        _updateCurrent.ExecuteNonQuery();
    }

    public void DeleteCurrent(string key)
    {
        _deleteCurrent.Parameters[0].Value = key;
        _deleteCurrent.ExecuteNonQuery();
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
                     _begin, _commit, _rollback, _readCurrent, _exists, _insertVersion, _insertCurrent, _updateCurrent,
                     _deleteCurrent, _setMeta, _deleteSuperseded, _deleteTombstones,
                 })
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
