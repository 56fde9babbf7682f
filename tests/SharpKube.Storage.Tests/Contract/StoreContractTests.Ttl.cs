namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Create_WithTtl_IsDeletedWhenItExpires_AndWatchersSeeTheDelete()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        await Store.CreateAsync("/ttl/event", Bytes("short-lived"), TimeSpan.FromSeconds(1), Ct);
        await Store.CreateAsync("/ttl/keep", Bytes("forever"), cancellationToken: Ct);

        var events = await TakeAsync(Store.WatchAsync("/ttl/", start, Ct), 3, TimeSpan.FromSeconds(30));

        Assert.Equal(WatchEventType.Deleted, events[2].Type);
        Assert.Equal("/ttl/event", events[2].Key);
        Assert.Equal("short-lived", Text(events[2].Previous));
        Assert.Null(await Store.GetAsync("/ttl/event", cancellationToken: Ct));
        Assert.Equal("forever", Text(await Store.GetAsync("/ttl/keep", cancellationToken: Ct)));
    }

    [Fact]
    public async Task Update_WithoutTtl_KeepsTheKeyPastTheOldTtl()
    {
        var created = await Store.CreateAsync("/ttl/k", Bytes("v1"), TimeSpan.FromSeconds(1), Ct);
        await Store.UpdateAsync("/ttl/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct);
        var marker = await Store.CreateAsync("/ttl/marker", Bytes("m"), TimeSpan.FromSeconds(2), Ct);

        // Once the later marker has expired, the first key's old TTL has long passed.
        await Eventually.TrueAsync(async () => await Store.GetAsync("/ttl/marker", cancellationToken: Ct) is null,
            TimeSpan.FromSeconds(30), "the marker key to expire");

        Assert.Equal("v2", Text(await Store.GetAsync("/ttl/k", cancellationToken: Ct)));
        Assert.True(marker.ModRevision > created.ModRevision);
    }
}
