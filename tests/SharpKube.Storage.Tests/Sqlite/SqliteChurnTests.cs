using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage.Tests.Sqlite;

/// <summary>Under sustained churn with periodic compaction, the database file stays bounded.</summary>
public sealed class SqliteChurnTests
{
    private const int Keys = 1_024;
    private const int Updates = 200_000;
    private const int Writers = 16;
    private const int ValueBytes = 512;
    private const int CompactEvery = 10_000;
    private const int HistoryKept = 1_000;

    // Live data is 1,024 keys × 512 B ≈ 0.5 MiB; with at most ~11k retained versions of ~600 B each plus indexes,
    // the database needs under 8 MiB (7.3 MiB measured). Without compaction the 200k versions alone would take
    // over 110 MiB. The write-ahead log restarts from its beginning once it holds 64 MiB (what is appended
    // before the writer gets to restart it comes on top: 88 MiB high-water measured), and is trimmed to 96 MiB
    // whenever it restarts larger.
    private const long MaxDatabaseBytes = 16L * 1024 * 1024;
    private const long MaxWriteAheadLogBytes = 128L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredThousandUpdatesOverOneThousandKeys_WithCompaction_KeepTheFileBounded()
    {
        using var dir = new TempDirectory();
        var path = dir.File("state.db");
        await using var store = SqliteStore.Open(path);
        var value = new byte[ValueBytes];
        new Random(42).NextBytes(value);
        var revisions = new long[Keys];
        for (var k = 0; k < Keys; k++)
        {
            revisions[k] = (await store.CreateAsync(Key(k), value, cancellationToken: Ct)).ModRevision;
        }

        var done = 0;
        var nextCompaction = CompactEvery;
        var compactions = 0;
        var compactionLock = new SemaphoreSlim(1, 1);
        var compacted = 0L;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            // Writer w owns keys w, w + 16, w + 32, …: no conflicts, so every update succeeds.
            for (var i = 0; ; i++)
            {
                if (Interlocked.Increment(ref done) > Updates)
                {
                    return;
                }

                var k = w + (i % (Keys / Writers) * Writers);
                revisions[k] = (await store.UpdateAsync(Key(k), value, revisions[k], cancellationToken: Ct)).ModRevision;
                // Each compaction point is claimed by exactly one writer, which compacts (after the previous
                // compaction, if that still runs) while the other writers keep updating.
                var due = Volatile.Read(ref nextCompaction);
                if (Volatile.Read(ref done) >= due && Interlocked.CompareExchange(ref nextCompaction, due + CompactEvery, due) == due)
                {
                    await compactionLock.WaitAsync(Ct);
                    try
                    {
                        var current = await store.CurrentRevisionAsync(Ct);
                        // On a loaded machine two compaction points can come before the revision moved on by the
                        // history kept; compacting to where the last one did is refused by design, so skip it.
                        if (current - HistoryKept > compacted)
                        {
                            await store.CompactAsync(current - HistoryKept, Ct);
                            compacted = current - HistoryKept;
                        }
                        Interlocked.Increment(ref compactions);
                    }
                    finally
                    {
                        compactionLock.Release();
                    }
                }
            }
        }, Ct)));

        var database = new FileInfo(path).Length;
        var wal = File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;
        TestContext.Current.TestOutputHelper?.WriteLine($"churn: {compactions} compactions, database {database / 1024} KiB, WAL {wal / 1024} KiB");
        Assert.True(compactions >= Updates / CompactEvery - 1, $"only {compactions} compactions ran");
        Assert.True(database <= MaxDatabaseBytes, $"database grew to {database} bytes (bound {MaxDatabaseBytes})");
        Assert.True(wal <= MaxWriteAheadLogBytes, $"write-ahead log grew to {wal} bytes (bound {MaxWriteAheadLogBytes})");
        Assert.Equal(Keys, await store.CountAsync("/registry/churn/", Ct));
        Assert.Equal(value, (await store.GetAsync(Key(Keys - 1), cancellationToken: Ct))!.Value.ToArray());
    }

    private static string Key(int k) => $"/registry/churn/{k:D4}";
}
