using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage.Tests.Sqlite;

/// <summary>A damaged or foreign file fails start-up with a clear message and is left exactly as it was.</summary>
public sealed class SqliteCorruptFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Open_FileOfRandomBytes_FailsWithCorrupt_AndLeavesTheFileUntouched()
    {
        var path = _dir.File("state.db");
        var garbage = new byte[64 * 1024];
        new Random(1).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<StorageException>(() => SqliteStore.Open(path));

        Assert.Equal(StorageErrorCode.Corrupt, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task Open_DatabaseWithDamagedPages_FailsWithCorrupt_AndLeavesTheFileUntouched()
    {
        var path = _dir.File("state.db");
        await using (var store = SqliteStore.Open(path))
        {
            for (var i = 0; i < 2000; i++)
            {
                await store.CreateAsync($"/registry/configmaps/default/cm-{i:D5}", new byte[200], cancellationToken: Ct);
            }
        }

        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            // Overwrite the start of page 3 (a b-tree page header) with garbage.
            file.Position = 2 * 4096;
            file.Write(Enumerable.Repeat((byte)0xEE, 64).ToArray());
        }

        var before = SHA256.HashData(File.ReadAllBytes(path));

        var error = Assert.Throws<StorageException>(() => SqliteStore.Open(path));

        Assert.Equal(StorageErrorCode.Corrupt, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
    }

    [Fact]
    public async Task Open_TruncatedDatabase_FailsWithCorrupt()
    {
        var path = _dir.File("state.db");
        await using (var store = SqliteStore.Open(path))
        {
            for (var i = 0; i < 2000; i++)
            {
                await store.CreateAsync($"/k/{i:D5}", new byte[200], cancellationToken: Ct);
            }
        }

        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length / 2);
        }

        var error = Assert.Throws<StorageException>(() => SqliteStore.Open(path));

        Assert.Equal(StorageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void Open_DatabaseOfAnotherApplication_FailsWithCorrupt_AndAddsNothingToIt()
    {
        var path = _dir.File("other.db");
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);";
            command.ExecuteNonQuery();
        }

        var before = SHA256.HashData(File.ReadAllBytes(path));

        var error = Assert.Throws<StorageException>(() => SqliteStore.Open(path));

        Assert.Equal(StorageErrorCode.Corrupt, error.Code);
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Open_PathThatIsADirectory_FailsWithAClearMessage()
    {
        var path = _dir.File("state.db");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<StorageException>(() => SqliteStore.Open(path));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_EmptyFile_CreatesAFreshDatastore()
    {
        var path = _dir.File("state.db");
        await File.WriteAllBytesAsync(path, [], Ct);

        await using var store = SqliteStore.Open(path);

        Assert.Equal(0, await store.CurrentRevisionAsync(Ct));
    }

    public void Dispose() => _dir.Dispose();
}
