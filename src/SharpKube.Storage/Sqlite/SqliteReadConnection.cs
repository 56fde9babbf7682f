using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// One pooled read-only connection and its prepared queries. Each public read runs in its own read transaction,
/// so everything it returns comes from one consistent snapshot of the database.
/// </summary>
/// <remarks>
/// Lists and counts scan <c>kv</c> in its clustered order — key ascending, revision descending — so the first row
/// of each key at or before the revision read is that key's version then; older versions are skipped without
/// reading their values.
/// </remarks>
internal sealed class SqliteReadConnection : IDisposable
{
    private const int HistoryPageSize = 1000;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _end;
    private readonly SqliteCommand _meta;
    private readonly SqliteCommand _get;
    private readonly RangeQuery _list;
    private readonly RangeQuery _count;
    private readonly RangeQuery _history;
    private readonly SqliteCommand _expired;

    public SqliteReadConnection(string path)
    {
        _connection = SqliteFile.OpenReader(path);
        _begin = Prepare("BEGIN");
        _end = Prepare("COMMIT");
        _meta = Prepare(SqliteSchema.ReadMeta);
        _get = Prepare("SELECT rev, created, deleted, value FROM kv WHERE key = $key AND rev <= $rev ORDER BY rev DESC LIMIT 1", "$key", "$rev");
        _list = new RangeQuery(this,
            "SELECT key, rev, created, deleted, value FROM kv WHERE key >= $low{0} AND rev <= $rev ORDER BY key, rev DESC",
            "key < $high", "$rev");
        _count = new RangeQuery(this, "SELECT key, deleted FROM kv WHERE key >= $low{0} ORDER BY key, rev DESC", "key < $high");
        _history = new RangeQuery(this, """
            SELECT k.rev, k.key, k.created, k.deleted, k.value, k.prev_rev, p.value
            FROM kv k INDEXED BY kv_rev LEFT JOIN kv p ON p.key = k.key AND p.rev = k.prev_rev
            WHERE k.rev > $after AND k.rev <= $upto AND k.key >= $low{0}
            ORDER BY k.rev LIMIT $limit
            """, "k.key < $high", "$after", "$upto", "$limit");
        _expired = Prepare("SELECT key, rev FROM kv WHERE expires IS NOT NULL AND expires <= $now LIMIT 10000", "$now");
    }

    public KeyValue? Get(string key, long revision)
    {
        return InSnapshot(snapshot =>
        {
            _get.Parameters[0].Value = key;
            _get.Parameters[1].Value = snapshot.Resolve(revision);
            using var reader = _get.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(2) != 0)
            {
                return null;
            }

            return new KeyValue(key, SqliteValues.Bytes(reader, 3), reader.GetInt64(1), reader.GetInt64(0));
        });
    }

    public ListResult List(string prefix, ListOptions options)
    {
        return InSnapshot(snapshot =>
        {
            var at = snapshot.Resolve(options.Revision);
            var low = options.ContinueAfter is { } after && KeyRange.Comparer.Compare(after, prefix) >= 0 ? after + "\0" : prefix;
            var items = new List<KeyValue>(options.Limit is > 0 and < 1024 ? options.Limit : 64);
            using var reader = _list.Execute(low, KeyRange.End(prefix), at);
            string? previousKey = null;
            while (reader.Read())
            {
                var key = reader.GetString(0);
                if (key == previousKey)
                {
                    continue;
                }

                previousKey = key;
                if (reader.GetInt64(3) != 0)
                {
                    continue;
                }

                if (options.Limit > 0 && items.Count == options.Limit)
                {
                    return new ListResult(items, at, true);
                }

                items.Add(new KeyValue(key, SqliteValues.Bytes(reader, 4), reader.GetInt64(2), reader.GetInt64(1)));
            }

            return new ListResult(items, at, false);
        });
    }

    public long Count(string prefix)
    {
        using var reader = _count.Execute(prefix, KeyRange.End(prefix));
        long count = 0;
        string? previousKey = null;
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (key != previousKey && reader.GetInt64(1) == 0)
            {
                count++;
            }

            previousKey = key;
        }

        return count;
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

            var events = new List<WatchEvent>();
            using var reader = _history.Execute(prefix, KeyRange.End(prefix), after, upTo, HistoryPageSize);
            while (reader.Read())
            {
                events.Add(ToEvent(reader));
            }

            return events;
        });
    }

    /// <summary>Whether a page returned by <see cref="HistoryPage"/> was full (more may follow).</summary>
    public static bool IsFullPage(List<WatchEvent> page) => page.Count == HistoryPageSize;

    /// <summary>Keys whose TTL ran out by <paramref name="nowMs"/> (Unix milliseconds), with the revision that carries the TTL.</summary>
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
        foreach (var command in new[] { _begin, _end, _meta, _get, _expired })
        {
            command.Dispose();
        }

        _list.Dispose();
        _count.Dispose();
        _history.Dispose();
        _connection.Dispose();
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

    private T InSnapshot<T>(Func<ReadableRevisions, T> read)
    {
        _begin.ExecuteNonQuery();
        try
        {
            ReadableRevisions snapshot;
            using (var meta = _meta.ExecuteReader())
            {
                meta.Read();
                snapshot = new ReadableRevisions(meta.GetInt64(0), meta.GetInt64(1));
            }

            return read(snapshot);
        }
        finally
        {
            _end.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteFile.Prepare(_connection, sql, parameters);

    /// <summary>
    /// A query over a key range [$low, $high) in two prepared forms: bounded, and open-ended for a prefix with no
    /// upper bound (the empty prefix).
    /// </summary>
    private sealed class RangeQuery : IDisposable
    {
        private readonly SqliteCommand _bounded;
        private readonly SqliteCommand _openEnded;

        public RangeQuery(SqliteReadConnection owner, string sqlFormat, string upperBound, params string[] parameters)
        {
            _bounded = owner.Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, " AND " + upperBound),
                ["$low", .. parameters, "$high"]);
            _openEnded = owner.Prepare(string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, ""), ["$low", .. parameters]);
        }

        /// <summary>Runs the query from <paramref name="low"/> up to (not including) <paramref name="high"/>, or unbounded.</summary>
        public SqliteDataReader Execute(string low, string? high, params long[] values)
        {
            var command = high is null ? _openEnded : _bounded;
            var p = command.Parameters;
            p[0].Value = low;
            for (var i = 0; i < values.Length; i++)
            {
                p[i + 1].Value = values[i];
            }

            if (high is not null)
            {
                p[values.Length + 1].Value = high;
            }

            return command.ExecuteReader();
        }

        public void Dispose()
        {
            _bounded.Dispose();
            _openEnded.Dispose();
        }
    }
}
