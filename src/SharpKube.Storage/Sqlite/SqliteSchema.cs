namespace SharpKube.Storage.Sqlite;

/// <summary>
/// The database layout. <c>kv</c> holds every retained version of every key, clustered by key with the newest
/// version first, so a key's current value is one seek and a prefix list is one ordered scan; a tombstone row marks
/// a deletion. Each row names the revision of the key's previous version (<c>prev_rev</c>), so watch events carry
/// previous values and compaction finds superseded rows without scanning. <c>kv_rev</c> orders rows by revision for
/// watch history. <c>meta</c> holds the store's revision and how far it is compacted.
/// </summary>
/// <remarks>
/// A write dirties about one page at a random place (the key's leaf) plus pages shared by the whole commit (the end
/// of <c>kv_rev</c> and <c>meta</c>); with fsync on every commit, pages written per commit bound the write rate.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>Marks the file as a SharpKube datastore ("SKv1").</summary>
    public const int ApplicationId = 0x534B7631;

    /// <summary>The layout version written to <c>user_version</c>.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS kv (
            key      TEXT    NOT NULL,
            rev      INTEGER NOT NULL,
            created  INTEGER NOT NULL,
            prev_rev INTEGER,
            deleted  INTEGER NOT NULL,
            expires  INTEGER,
            value    BLOB,
            PRIMARY KEY (key, rev DESC)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS kv_rev ON kv (rev);
        CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
        CREATE TABLE IF NOT EXISTS meta (
            name  TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 0), ('compacted', 0), ('compacted_physical', 0);
        """;

    public const string ReadMeta = """
        SELECT (SELECT value FROM meta WHERE name = 'revision'),
               (SELECT value FROM meta WHERE name = 'compacted'),
               (SELECT value FROM meta WHERE name = 'compacted_physical')
        """;
}
