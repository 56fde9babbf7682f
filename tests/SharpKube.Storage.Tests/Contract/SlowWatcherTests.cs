namespace SharpKube.Storage.Tests.Contract;

/// <summary>
/// For the drivers that fan watches out themselves: a watcher that stops reading is cut off with
/// <see cref="StorageErrorCode.WatcherTooSlow"/>, writers never wait for it, and it can resume without loss.
/// </summary>
public abstract class SlowWatcherTests : IAsyncLifetime
{
    protected const int MaxPendingEvents = 100;
    private IKeyValueStore? _store;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IKeyValueStore Store => _store ?? throw new InvalidOperationException("store not opened");

    /// <summary>Opens a store whose watchers may fall <see cref="MaxPendingEvents"/> events behind.</summary>
    protected abstract Task<IKeyValueStore> OpenStoreAsync();

    public async ValueTask InitializeAsync() => _store = await OpenStoreAsync();

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        StoreClosed();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs after the store is closed: remove what the driver left on disk.</summary>
    protected virtual void StoreClosed()
    {
    }

    [Fact]
    public async Task WatcherThatStopsReading_IsCutOff_WritersGoOn_AndItResumesWithoutLoss()
    {
        var start = await Store.CurrentRevisionAsync(Ct);
        await Store.CreateAsync("/slow/0000", new byte[] { 1 }, cancellationToken: Ct);
        await using var stalled = Store.WatchAsync("/slow/", start, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await stalled.MoveNextAsync());
        var firstSeen = stalled.Current;

        for (var i = 1; i < MaxPendingEvents * 3; i++)
        {
            await Store.CreateAsync($"/slow/{i:D4}", new byte[] { 1 }, cancellationToken: Ct);
        }

        var received = new List<WatchEvent> { firstSeen };
        var error = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            while (await stalled.MoveNextAsync())
            {
                received.Add(stalled.Current);
            }
        });
        Assert.Equal(StorageErrorCode.WatcherTooSlow, error.Code);
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);

        var rest = new List<WatchEvent>();
        await foreach (var e in Store.WatchAsync("/slow/", received[^1].Revision, Ct))
        {
            rest.Add(e);
            if (rest.Count + received.Count == MaxPendingEvents * 3)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, MaxPendingEvents * 3).Select(i => $"/slow/{i:D4}"), received.Concat(rest).Select(e => e.Key));
    }
}
