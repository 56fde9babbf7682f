using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage.Tests.Sqlite;

/// <summary>Concurrent writes share commits (and so fsyncs) instead of paying one each.</summary>
public sealed class SqliteGroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentWrites_AreCommittedTogether_FarFewerCommitsThanWrites()
    {
        using var dir = new TempDirectory();
        await using var store = SqliteStore.Open(dir.File("state.db"));
        const int writes = 512;
        var before = store.Commits;

        var results = await Task.WhenAll(Enumerable.Range(0, writes).Select(i =>
            store.CreateAsync($"/group/{i:D4}", new byte[64], cancellationToken: Ct).AsTask()));

        var commits = store.Commits - before;
        Assert.Equal(writes, results.Select(r => r.ModRevision).Distinct().Count());
        Assert.True(commits <= writes / 4, $"{writes} concurrent writes took {commits} commits");
        Assert.Equal(writes, await store.CountAsync("/group/", Ct));
    }

    [Fact]
    public async Task RefusedWrites_DoNotDisturbTheWritesCommittedWithThem()
    {
        using var dir = new TempDirectory();
        await using var store = SqliteStore.Open(dir.File("state.db"));
        await store.CreateAsync("/group/taken", new byte[] { 1 }, cancellationToken: Ct);

        var attempts = Enumerable.Range(0, 64).Select(async i =>
        {
            try
            {
                // Every other write collides with an existing key; the rest must all land.
                await store.CreateAsync(i % 2 == 0 ? "/group/taken" : $"/group/{i}", new byte[] { 2 }, cancellationToken: Ct);
                return true;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.AlreadyExists)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(32, outcomes.Count(ok => ok));
        Assert.Equal(33, await store.CountAsync("/group/", Ct));
    }
}
