namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Compact_ThenReadOrWatchBeforeIt_FailsWithCompacted()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        var (created, updated, _) = await CreateUpdateDeleteAsync("/c/k");
        await Store.CreateAsync("/c/live", Bytes("v"), cancellationToken: Ct);

        await Store.CompactAsync(updated, Ct);

        var get = await Assert.ThrowsAsync<StorageException>(async () => await Store.GetAsync("/c/k", created, Ct));
        var list = await Assert.ThrowsAsync<StorageException>(async () => await Store.ListAsync("/c/", new ListOptions(Revision: created), Ct));
        var watch = await Assert.ThrowsAsync<StorageException>(async () => await TakeAsync(Store.WatchAsync("/c/", start, Ct), 1));
        Assert.Equal(StorageErrorCode.Compacted, get.Code);
        Assert.Equal(StorageErrorCode.Compacted, list.Code);
        Assert.Equal(StorageErrorCode.Compacted, watch.Code);
    }

    [Fact]
    public async Task Compact_KeepsEveryLiveKeyAndTheHistoryAfterIt()
    {
        var a = await Store.CreateAsync("/c/a", Bytes("a1"), cancellationToken: Ct);
        var a2 = await Store.UpdateAsync("/c/a", Bytes("a2"), a.ModRevision, cancellationToken: Ct);
        var b = await Store.CreateAsync("/c/b", Bytes("b1"), cancellationToken: Ct);
        var compactAt = await Store.CurrentRevisionAsync(Ct);
        var a3 = await Store.UpdateAsync("/c/a", Bytes("a3"), a2.ModRevision, cancellationToken: Ct);
        await Store.DeleteAsync("/c/b", b.ModRevision, Ct);

        await Store.CompactAsync(compactAt, Ct);

        Assert.Equal(["a3"], (await Store.ListAsync("/c/", cancellationToken: Ct)).Items.Select(Text));
        Assert.Equal(["a2", "b1"], (await Store.ListAsync("/c/", new ListOptions(Revision: compactAt), Ct)).Items.Select(Text));
        Assert.Equal("a2", Text(await Store.GetAsync("/c/a", compactAt, Ct)));
        var events = await TakeAsync(Store.WatchAsync("/c/", compactAt, Ct), 2);
        Assert.Equal([WatchEventType.Updated, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("a2", Text(events[0].Previous));
        Assert.Equal(a3.ModRevision, events[0].Revision);
        Assert.Equal("b1", Text(events[1].Previous));
    }

    [Fact]
    public async Task Compact_AtTheCurrentRevision_LeavesTheStoreWritable()
    {
        var (_, _, deleted) = await CreateUpdateDeleteAsync("/c/k");

        await Store.CompactAsync(deleted, Ct);
        var again = await Store.CreateAsync("/c/k", Bytes("again"), cancellationToken: Ct);

        Assert.Equal(deleted + 1, again.ModRevision);
        Assert.Equal("again", Text(await Store.GetAsync("/c/k", cancellationToken: Ct)));
    }

    [Fact]
    public async Task Compact_ToAnAlreadyCompactedRevision_FailsWithCompacted()
    {
        await CreateUpdateDeleteAsync("/c/k");
        var current = await Store.CurrentRevisionAsync(Ct);
        await Store.CompactAsync(current, Ct);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CompactAsync(current - 1, Ct));

        Assert.Equal(StorageErrorCode.Compacted, error.Code);
    }

    [Fact]
    public async Task Compact_ToAFutureRevision_FailsWithFutureRevision()
    {
        await Store.CreateAsync("/c/k", Bytes("v"), cancellationToken: Ct);
        var current = await Store.CurrentRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CompactAsync(current + 5, Ct));

        Assert.Equal(StorageErrorCode.FutureRevision, error.Code);
    }
}
