namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Watch_FromARevision_DeliversEachChangeInOrderWithPreviousValues()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        var (created, updated, deleted) = await CreateUpdateDeleteAsync("/w/k");
        await Store.CreateAsync("/other/k", Bytes("not watched"), cancellationToken: Ct);

        var events = await TakeAsync(Store.WatchAsync("/w/", start, Ct), 3);

        Assert.Equal([WatchEventType.Created, WatchEventType.Updated, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([created, updated, deleted], events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal("/w/k", e.Key));
        Assert.Null(events[0].Previous);
        Assert.Equal("v1", Text(events[0].Current));
        Assert.Equal("v1", Text(events[1].Previous));
        Assert.Equal("v2", Text(events[1].Current));
        Assert.Equal(created, events[1].Current!.CreateRevision);
        Assert.Equal("v2", Text(events[2].Previous));
        Assert.Equal(updated, events[2].Previous!.ModRevision);
        Assert.Null(events[2].Current);
    }

    [Fact]
    public async Task Watch_ThenWrite_DeliversLiveEvents()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        var watch = TakeAsync(Store.WatchAsync("/live/", start, Ct), 2);

        await Store.CreateAsync("/live/a", Bytes("1"), cancellationToken: Ct);
        await Store.CreateAsync("/elsewhere", Bytes("2"), cancellationToken: Ct);
        await Store.CreateAsync("/live/b", Bytes("3"), cancellationToken: Ct);

        Assert.Equal(["/live/a", "/live/b"], (await watch).Select(e => e.Key));
    }

    [Fact]
    public async Task Watch_SpanningHistoryAndLiveWrites_HasNoGapAndNoDuplicate()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        for (var i = 0; i < 50; i++)
        {
            await Store.CreateAsync($"/h/{i:D3}", Bytes("v"), cancellationToken: Ct);
        }

        var watch = TakeAsync(Store.WatchAsync("/h/", start, Ct), 100);
        for (var i = 50; i < 100; i++)
        {
            await Store.CreateAsync($"/h/{i:D3}", Bytes("v"), cancellationToken: Ct);
        }

        var events = await watch;
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"/h/{i:D3}"), events.Select(e => e.Key));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => start + i), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Watch_ResumedFromTheLastRevisionSeen_LosesNothing()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        for (var i = 0; i < 10; i++)
        {
            await Store.CreateAsync($"/r/{i}", Bytes("v"), cancellationToken: Ct);
        }

        var firstHalf = await TakeAsync(Store.WatchAsync("/r/", start, Ct), 5);
        // The watcher disconnects here; writes go on meanwhile.
        for (var i = 10; i < 15; i++)
        {
            await Store.CreateAsync($"/r/{i}", Bytes("v"), cancellationToken: Ct);
        }

        var rest = await TakeAsync(Store.WatchAsync("/r/", firstHalf[^1].Revision, Ct), 10);

        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"/r/{i}"), firstHalf.Concat(rest).Select(e => e.Key));
    }

    [Fact]
    public async Task Watch_FromTheCurrentRevision_SeesOnlyLaterWrites()
    {
        await Store.CreateAsync("/n/old", Bytes("v"), cancellationToken: Ct);
        var now = await Store.CurrentRevisionAsync(Ct);
        var watch = TakeAsync(Store.WatchAsync("/n/", now, Ct), 1);

        await Store.CreateAsync("/n/new", Bytes("v"), cancellationToken: Ct);

        Assert.Equal("/n/new", Assert.Single(await watch).Key);
    }

    [Fact]
    public async Task HundredWatchers_UnderConcurrentWriters_EachSeeTheIdenticalSequence()
    {
        const int watchers = 100;
        const int writers = 8;
        const int writesPerWriter = 50;
        const int total = writers * writesPerWriter;
        var start = await Store.CurrentRevisionAsync(Ct);
        var watches = Enumerable.Range(0, watchers)
            .Select(_ => TakeAsync(Store.WatchAsync("/many/", start, Ct), total, TimeSpan.FromSeconds(120)))
            .ToList();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < writesPerWriter; i++)
            {
                await Store.CreateAsync($"/many/{w}/{i}", Bytes($"{w}-{i}"), cancellationToken: Ct);
            }
        }, Ct)));

        var sequences = await Task.WhenAll(watches);
        var expected = sequences[0].Select(e => (e.Key, e.Revision)).ToList();
        Assert.Equal(total, expected.Count);
        Assert.Equal(Enumerable.Range(1, total).Select(i => start + i), expected.Select(e => e.Revision));
        Assert.All(sequences, s => Assert.Equal(expected, s.Select(e => (e.Key, e.Revision))));
    }
}
