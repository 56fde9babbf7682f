using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// One pooled read-only connection and its prepared queries. Each public read runs in its own read transaction,
/// so everything it returns comes from one consistent snapshot of the database.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private const int HistoryPageSize = 1000;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _end;
    private readonly SqliteCommand _meta;
    private readonly SqliteCommand _getLatest;
    private readonly SqliteCommand _getAt;
    private readonly SqliteCommand _getRevision;
    private readonly SqliteCommand _listLatest;
    private readonly SqliteCommand _listLatestOpenEnded;
    private readonly SqliteCommand _listKeysAt;
    private readonly SqliteCommand _listKeysAtOpenEnded;
    private readonly SqliteCommand _count;
    private readonly SqliteCommand _countOpenEnded;
    private readonly SqliteCommand _history;
    private readonly SqliteCommand _historyOpenEnded;
    private readonly SqliteCommand _expired;

    public SqliteReadConnection(string path)
    {
        _connection = SqliteFile.OpenReader(path);
        _begin = Prepare("BEGIN");
        _end = Prepare("COMMIT");
        _meta = Prepare(SqliteSchema.ReadMeta);
        _getLatest = Prepare("SELECT c.created, c.rev, k.value FROM current c JOIN kv k ON k.rev = c.rev WHERE c.key = $key", "$key");
        _getAt = Prepare("SELECT created, rev, deleted, value FROM kv WHERE key = $key AND rev <= $rev ORDER BY rev DESC LIMIT 1", "$key", "$rev");
        _getRevision = Prepare("SELECT created, deleted, value FROM kv WHERE rev = $rev", "$rev");
        const string latest = "SELECT c.key, c.created, c.rev, k.value FROM current c JOIN kv k ON k.rev = c.rev WHERE c.key >= $low{0} ORDER BY c.key LIMIT $limit";
        _listLatest = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, latest, " AND c.key < $high"), "$low", "$limit", "$high");
        _listLatestOpenEnded = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, latest, ""), "$low", "$limit");
        // The index on (key, rev) yields each key's newest revision at or before $rev in key order, streaming.
        const string keysAt = "SELECT key, max(rev) FROM kv WHERE key >= $low{0} AND rev <= $rev GROUP BY key ORDER BY key";
        _listKeysAt = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, keysAt, " AND key < $high"), "$low", "$rev", "$high");
        _listKeysAtOpenEnded = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, keysAt, ""), "$low", "$rev");
        _count = Prepare("SELECT count(*) FROM current WHERE key >= $low AND key < $high", "$low", "$high");
        _countOpenEnded = Prepare("SELECT count(*) FROM current WHERE key >= $low", "$low");
        const string history = """
            SELECT k.rev, k.key, k.created, k.deleted, k.value, k.prev_rev, p.value
            FROM kv k LEFT JOIN kv p ON p.rev = k.prev_rev
            WHERE k.rev > $after AND k.rev <= $upto AND k.key >= $low{0}
            ORDER BY k.rev LIMIT $limit
            """;
        _history = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, history, " AND k.key < $high"), "$after", "$upto", "$low", "$limit", "$high");
        _historyOpenEnded = Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, history, ""), "$after", "$upto", "$low", "$limit");
        _expired = Prepare("SELECT key, rev FROM current WHERE expires IS NOT NULL AND expires <= $now LIMIT 10000", "$now");
    }

    public KeyValue? Get(string key, long revision)
    {
        return InSnapshot(snapshot =>
        {
            var at = snapshot.Resolve(revision);
            if (revision == 0)
            {
                _getLatest.Parameters[0].Value = key;
                using var latest = _getLatest.ExecuteReader();
                return latest.Read() ? new KeyValue(key, SqliteValues.Bytes(latest, 2), latest.GetInt64(0), latest.GetInt64(1)) : null;
            }

            _getAt.Parameters[0].Value = key;
            _getAt.Parameters[1].Value = at;
            using var reader = _getAt.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(2) != 0)
            {
                return null;
            }

            return new KeyValue(key, SqliteValues.Bytes(reader, 3), reader.GetInt64(0), reader.GetInt64(1));
        });
    }

    public ListResult List(string prefix, ListOptions options)
    {
        return InSnapshot(snapshot =>
        {
            var at = snapshot.Resolve(options.Revision);
            var low = options.ContinueAfter is { } after && KeyRange.Comparer.Compare(after, prefix) >= 0 ? after + "\0" : prefix;
            var high = KeyRange.End(prefix);
            var items = new List<KeyValue>(options.Limit is > 0 and < 1024 ? options.Limit : 64);
            var more = at == snapshot.Revision
                ? ListLatest(low, high, options.Limit, items)
                : ListAt(low, high, at, options.Limit, items);
            return new ListResult(items, at, more);
        });
    }

    public long Count(string prefix)
    {
        var high = KeyRange.End(prefix);
        var command = high is null ? _countOpenEnded : _count;
        command.Parameters[0].Value = prefix;
        if (high is not null)
        {
            command.Parameters[1].Value = high;
        }

        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// One page of the changes under <paramref name="prefix"/> in (after, upTo], in revision order, read in one snapshot.
    /// Fails with Compacted when the changes after <paramref name="after"/> are no longer all retained.
    /// </summary>
    public List<WatchEvent> HistoryPage(string prefix, long after, long upTo)
    {
        return InSnapshot(snapshot =>
        {
            if (after < snapshot.Compacted)
            {
                throw StorageException.Compacted(after, snapshot.Compacted);
            }

            var high = KeyRange.End(prefix);
            var command = high is null ? _historyOpenEnded : _history;
            var p = command.Parameters;
            p[0].Value = after;
            p[1].Value = upTo;
            p[2].Value = prefix;
            p[3].Value = HistoryPageSize;
            if (high is not null)
            {
                p[4].Value = high;
            }

            var events = new List<WatchEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                events.Add(ToEvent(reader));
            }

            return events;
        });
    }

    /// <summary>Whether a page returned by <see cref="HistoryPage"/> was full (more may follow).</summary>
    public static bool IsFullPage(List<WatchEvent> page) => page.Count == HistoryPageSize;

    /// <summary>Keys whose TTL ran out by <paramref name="nowMs"/> (Unix milliseconds).</summary>
    public List<Expiry.ExpiringKey> Expired(long nowMs)
    {
        _expired.Parameters[0].Value = nowMs;
        var keys = new List<Expiry.ExpiringKey>();
        using var reader = _expired.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new Expiry.ExpiringKey(reader.GetString(0), reader.GetInt64(1)));
        }

        return keys;
    }

    public void Dispose()
    {
        foreach (var command in new[]
                 {
                     _begin, _end, _meta, _getLatest, _getAt, _getRevision, _listLatest, _listLatestOpenEnded, _listKeysAt,
                     _listKeysAtOpenEnded, _count, _countOpenEnded, _history, _historyOpenEnded, _expired,
                 })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private bool ListLatest(string low, string? high, int limit, List<KeyValue> items)
    {
        var command = high is null ? _listLatestOpenEnded : _listLatest;
        command.Parameters[0].Value = low;
        command.Parameters[1].Value = limit > 0 ? limit + 1L : -1L;
        if (high is not null)
        {
            command.Parameters[2].Value = high;
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (limit > 0 && items.Count == limit)
            {
                return true;
            }

            items.Add(new KeyValue(reader.GetString(0), SqliteValues.Bytes(reader, 3), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return false;
    }

    private bool ListAt(string low, string? high, long revision, int limit, List<KeyValue> items)
    {
        var command = high is null ? _listKeysAtOpenEnded : _listKeysAt;
        command.Parameters[0].Value = low;
        command.Parameters[1].Value = revision;
        if (high is not null)
        {
            command.Parameters[2].Value = high;
        }

        using var keys = command.ExecuteReader();
        while (keys.Read())
        {
            _getRevision.Parameters[0].Value = keys.GetInt64(1);
            using var version = _getRevision.ExecuteReader();
            if (!version.Read() || version.GetInt64(1) != 0)
            {
                continue;
            }

            if (limit > 0 && items.Count == limit)
            {
                return true;
            }

            items.Add(new KeyValue(keys.GetString(0), SqliteValues.Bytes(version, 2), version.GetInt64(0), keys.GetInt64(1)));
        }

        return false;
    }

    private static WatchEvent ToEvent(SqliteDataReader reader)
    {
        var revision = reader.GetInt64(0);
        var key = reader.GetString(1);
        var created = reader.GetInt64(2);
        var deleted = reader.GetInt64(3) != 0;
        KeyValue? previous = reader.IsDBNull(5)
            ? null
            : new KeyValue(key, SqliteValues.Bytes(reader, 6), created, reader.GetInt64(5));
        if (deleted)
        {
            return new WatchEvent(WatchEventType.Deleted, key, revision, null, previous);
        }

        var current = new KeyValue(key, SqliteValues.Bytes(reader, 4), created, revision);
        return new WatchEvent(previous is null ? WatchEventType.Created : WatchEventType.Updated, key, revision, current, previous);
    }

    private T InSnapshot<T>(Func<ReadSnapshot, T> read)
    {
        _begin.ExecuteNonQuery();
        try
        {
            ReadSnapshot snapshot;
            using (var meta = _meta.ExecuteReader())
            {
                meta.Read();
                snapshot = new ReadSnapshot(meta.GetInt64(0), meta.GetInt64(1));
            }

            return read(snapshot);
        }
        finally
        {
            _end.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
