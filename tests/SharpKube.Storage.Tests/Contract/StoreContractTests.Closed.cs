namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ClosedStore_FailsEveryCallWithUnavailable_AndEndsOpenWatches()
    {
        var created = await Store.CreateAsync("/closed/k", Bytes("v"), cancellationToken: Ct);
        var watch = TakeAsync(Store.WatchAsync("/closed/", created.ModRevision, Ct), 1);

        await Store.DisposeAsync();

        var watchError = await Assert.ThrowsAsync<StorageException>(async () => await watch);
        Assert.Equal(StorageErrorCode.Unavailable, watchError.Code);
        foreach (var call in new Func<Task>[]
                 {
                     async () => await Store.GetAsync("/closed/k", cancellationToken: Ct),
                     async () => await Store.ListAsync("/closed/", cancellationToken: Ct),
                     async () => await Store.CountAsync("/closed/", Ct),
                     async () => await Store.CreateAsync("/closed/new", Bytes("v"), cancellationToken: Ct),
                     async () => await Store.UpdateAsync("/closed/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct),
                     async () => await Store.DeleteAsync("/closed/k", cancellationToken: Ct),
                     async () => await TakeAsync(Store.WatchAsync("/closed/", 0, Ct), 1),
                 })
        {
            var error = await Assert.ThrowsAsync<StorageException>(call);
            Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        }
    }
}
