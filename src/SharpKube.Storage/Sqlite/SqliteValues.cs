using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>Reading column values the way the schema stores them.</summary>
internal static class SqliteValues
{
    /// <summary>A BLOB column as bytes; SQLite may hand back an empty value as NULL.</summary>
    public static byte[] Bytes(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);

    /// <summary>Whether the connection is outside a transaction (SQLite's autocommit mode).</summary>
    public static bool AutoCommit(this SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;
}
