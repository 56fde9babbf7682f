namespace SharpKube.Storage.Sqlite;

/// <summary>
/// The database layout. <c>kv</c> is the log: one row per revision (a version, or a tombstone for a delete),
/// each pointing at the key's previous version so watch events carry previous values and compaction finds
/// superseded rows without scanning. <c>current</c> maps each live key to its newest row. <c>meta</c> holds the
/// store's revision and how far it is compacted.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Marks the file as a SharpKube datastore ("SKv1").</summary>
    public const int ApplicationId = 0x534B7631;

    /// <summary>The layout version written to <c>user_version</c>.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS kv (
            rev      INTEGER PRIMARY KEY,
            key      TEXT    NOT NULL,
            created  INTEGER NOT NULL,
            prev_rev INTEGER,
            deleted  INTEGER NOT NULL,
            value    BLOB
        );
        CREATE INDEX IF NOT EXISTS kv_key_rev ON kv (key, rev);
        CREATE TABLE IF NOT EXISTS current (
            key     TEXT    PRIMARY KEY,
            rev     INTEGER NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS current_expires ON current (expires) WHERE expires IS NOT NULL;
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
