using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class InformerRelistTests(ShortHistoryFixture fixture) : IClassFixture<ShortHistoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Informer_WhenItsResourceVersionExpired_RelistsAndDeliversTheDifference()
    {
        var ns = await fixture.NamespaceAsync("informer-relist");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var configMaps = new ConfigMaps(client, ns);
        await configMaps.CreateAsync("kept");
        await configMaps.CreateAsync("changed");
        await configMaps.CreateAsync("deleted");
        var listWatch = new CountingListWatch<V1ConfigMap>(client, ns);
        var informer = new SharedInformer<V1ConfigMap>(listWatch.ListWatch, new SharedInformerOptions { WatchTimeout = TimeSpan.FromSeconds(1) });
        var log = new HandlerLog<V1ConfigMap>();
        informer.AddEventHandler(log.Handler);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(Ct));
        await Eventually.TrueAsync(() => log.Lines.Count == 3, "the initial list reached the handler");
        var lastKnown = informer.Indexer.Get(ns, "deleted")!;

        // While the informer is not watching, change more than the server's history keeps.
        await listWatch.HoldNextWatchAsync().WaitAsync(Eventually.Deadline, Ct);
        var rvBefore = informer.LastSyncResourceVersion;
        await configMaps.DeleteAsync("deleted");
        await configMaps.SetAsync("changed", "1");
        await configMaps.CreateAsync("created");
        await configMaps.CreateAsync("churn");
        for (var i = 0; i < 140; i++)
        {
            await configMaps.SetAsync("churn", $"v{i}");
        }
        listWatch.Release();

        await Eventually.TrueAsync(() => listWatch.Lists == 2, "the informer re-listed after 410");
        await Eventually.TrueAsync(() => log.Lines.Count >= 7, "the handler saw the difference");
        Assert.Equal(["ADD changed", "ADD deleted", "ADD kept"], log.Lines.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["ADD churn", "ADD created", "DELETE deleted", "UPDATE changed"], log.Lines.Skip(3).Order(StringComparer.Ordinal));
        Assert.Equal(lastKnown.Metadata.ResourceVersion, log.ObjectOf("DELETE deleted").Metadata.ResourceVersion);
        Assert.Equal("v139", informer.Indexer.Get(ns, "churn")?.Data["value"]);
        Assert.Equal(["changed", "churn", "created", "kept"], informer.Indexer.List().Select(c => c.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(rvBefore, informer.LastSyncResourceVersion);

        // And it watches again from the new list: later changes still arrive.
        await configMaps.SetAsync("kept", "1");
        await Eventually.TrueAsync(() => log.Lines.Contains("UPDATE kept"), "a change after the re-list arrived");
        Assert.Equal(2, listWatch.Lists);

        await stop.CancelAsync();
        await run;
    }
}
