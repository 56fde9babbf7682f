using System.Text;
using Microsoft.Data.Sqlite;

namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Opening the database file: refusing anything that is not a healthy SharpKube datastore before a single byte is
/// written to it, then configuring connections for durability (WAL, fsync on every commit).
/// </summary>
internal static class SqliteFile
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Opens the writer connection, creating the file and schema when missing; throws <see cref="StorageErrorCode.Corrupt"/> for a bad file.</summary>
    public static SqliteConnection OpenWriter(string path, bool verify)
    {
        CheckFile(path);
        var connection = Open(path);
        try
        {
            if (verify)
            {
                QuickCheck(connection, path);
            }

            CheckIdentity(connection, path);
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = FULL");
            // 8 MiB: SQLite scans the writer's whole page-cache hash table at the end of many transactions, so a
            // bigger cache costs CPU on every commit (measured: 3 % of the API server's CPU at 32 MiB under the
            // scheduler benchmark, a third of that at 8 MiB) and saved no reads; the OS page cache holds the rest.
            Execute(connection, "PRAGMA cache_size = -8192");
            // Checkpoints normally run on their own connection (WalCheckpointer) and the log restarts at 64 MiB;
            // auto-checkpointing at 256 MiB is only a backstop. The size limit lets the restarted log keep its
            // space (overwriting it is cheaper than growing a file) while trimming it after an unusual burst.
            Execute(connection, "PRAGMA wal_autocheckpoint = 65536");
            Execute(connection, "PRAGMA journal_size_limit = 100663296");
            Execute(connection, $"PRAGMA application_id = {SqliteSchema.ApplicationId}");
            Execute(connection, $"PRAGMA user_version = {SqliteSchema.Version}");
            Execute(connection, SqliteSchema.Create);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Translate(e, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection used only for reads.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        var connection = Open(path);
        Execute(connection, "PRAGMA query_only = 1");
        // A small private cache each (the B-tree's interior pages); the OS page cache holds the rest, so sixteen
        // pooled readers do not hold 8 MiB of copies apiece.
        Execute(connection, "PRAGMA cache_size = -2048");
        return connection;
    }

    /// <summary>Opens the connection that runs background checkpoints.</summary>
    public static SqliteConnection OpenCheckpointer(string path)
    {
        var connection = Open(path);
        Execute(connection, "PRAGMA synchronous = FULL");
        Execute(connection, "PRAGMA wal_autocheckpoint = 0");
        return connection;
    }

    /// <summary>A prepared statement with its named parameters (bound by index later, in the order given).</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    /// <summary>Turns a SQLite failure into the storage error a caller can act on.</summary>
    public static StorageException Translate(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        11 or 26 => new StorageException(StorageErrorCode.Corrupt,
            $"the datastore {path} is damaged or not a database ({e.Message}); restore it from a backup or move it away", e),
        13 => new StorageException(StorageErrorCode.Unavailable, $"the disk holding {path} is full ({e.Message})", e),
        _ => new StorageException(StorageErrorCode.Unavailable, $"the datastore {path} failed: {e.Message}", e),
    };

    private static SqliteConnection Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 10000");
            // No memory map: mapped pages count towards the server's resident memory and grow with the database;
            // reads go through the OS page cache and each connection's own page cache instead.
            Execute(connection, "PRAGMA mmap_size = 0");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Translate(e, path);
        }
    }

    private static void CheckFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorCode.Corrupt, $"the datastore path {path} is a directory, not a database file");
        }

        Span<byte> header = stackalloc byte[16];
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (!File.Exists(path))
            {
                return;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (file.Length == 0)
            {
                return;
            }

            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.SequenceEqual(Header))
            {
                throw new StorageException(StorageErrorCode.Corrupt,
                    $"the datastore {path} is not a SQLite database (its first bytes are not the SQLite header); refusing to open it");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"cannot read the datastore {path}: {e.Message}", e);
        }
    }

    private static void QuickCheck(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(10)";
        using var reader = command.ExecuteReader();
        var problems = new StringBuilder();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Append(problems.Length > 0 ? "; " : "").Append(line);
            }
        }

        if (problems.Length > 0)
        {
            throw new StorageException(StorageErrorCode.Corrupt,
                $"the datastore {path} failed its integrity check: {problems}; restore it from a backup or move it away");
        }
    }

    private static void CheckIdentity(SqliteConnection connection, string path)
    {
        var applicationId = Convert.ToInt64(Scalar(connection, "PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_schema"), System.Globalization.CultureInfo.InvariantCulture);
        if (tables > 0 && applicationId != SqliteSchema.ApplicationId)
        {
            throw new StorageException(StorageErrorCode.Corrupt,
                $"{path} is a SQLite database of another application (application_id {applicationId}), not a SharpKube datastore");
        }

        if (version > SqliteSchema.Version)
        {
            throw new StorageException(StorageErrorCode.Corrupt,
                $"the datastore {path} has layout version {version}; this SharpKube understands up to {SqliteSchema.Version}");
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
