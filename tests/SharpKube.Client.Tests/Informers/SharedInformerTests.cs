using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class SharedInformerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Informer_ListsExistingObjects_ThenDeliversAddsUpdatesAndDeletesInOrder()
    {
        var ns = await fixture.NamespaceAsync("informer-events");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var configMaps = new ConfigMaps(client, ns);
        await configMaps.CreateAsync("existing");
        var informer = new SharedInformer<V1ConfigMap>(new ListWatch<V1ConfigMap>(client, ns));
        var log = new HandlerLog<V1ConfigMap>();
        informer.AddEventHandler(log.Handler);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);

        Assert.True(await informer.WaitForCacheSyncAsync(Ct));
        Assert.True(informer.HasSynced);
        Assert.Equal("existing", informer.Indexer.Get(ns, "existing")?.Metadata.Name);
        var listed = informer.Indexer.Get(ns, "existing");
        Assert.Equal(("v1", "ConfigMap"), (listed?.ApiVersion, listed?.Kind));
        await configMaps.CreateAsync("new");
        var updated = await configMaps.SetAsync("existing", "1");
        await configMaps.DeleteAsync("new");

        string[] expected = ["ADD existing", "ADD new", "UPDATE existing", "DELETE new"];
        await Eventually.TrueAsync(() => log.Lines.Count >= expected.Length, "the handler saw four changes");
        Assert.Equal(expected, log.Lines);
        Assert.Equal(updated.Metadata.ResourceVersion, informer.Indexer.Get(ns, "existing")?.Metadata.ResourceVersion);
        Assert.Null(informer.Indexer.Get(ns, "new"));
        Assert.Equal("1", log.ObjectOf("UPDATE existing").Data["value"]);

        // A handler added late first gets the cache's objects as adds.
        var late = new HandlerLog<V1ConfigMap>();
        using (informer.AddEventHandler(late.Handler))
        {
            await Eventually.TrueAsync(() => late.Lines.Count >= 1, "the late handler saw the cached object");
            Assert.Equal(["ADD existing"], late.Lines);
        }

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Indexer_FindsObjectsByNamespace_ByOwnerUid_AndByACustomIndex()
    {
        var first = await fixture.NamespaceAsync("indexer-a");
        var second = await fixture.NamespaceAsync("indexer-b");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var owner = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = "3f0ad3c6-2f2b-4a4e-9b7e-000000000001" };
        var app = new Dictionary<string, string> { ["test"] = "indexer", ["app"] = "web" };
        await new ConfigMaps(client, first).CreateAsync("a1", app, [owner]);
        await new ConfigMaps(client, first).CreateAsync("a2", new Dictionary<string, string> { ["test"] = "indexer", ["app"] = "db" });
        await new ConfigMaps(client, second).CreateAsync("b1", app, [owner]);
        await new ConfigMaps(client, second).CreateAsync("unlabelled");
        var informer = new SharedInformer<V1ConfigMap>(new ListWatch<V1ConfigMap>(client, labelSelector: "test=indexer"));
        informer.AddIndexer("app", cm => cm.Metadata.Labels is { } labels && labels.TryGetValue("app", out var value) ? [value] : []);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(Ct));

        Assert.Equal(3, informer.Indexer.Count);
        Assert.Equal(["a1", "a2"], Names(informer.Indexer.List(first)));
        Assert.Equal(["b1"], Names(informer.Indexer.ByIndex(IndexNames.Namespace, second)));
        Assert.Equal(["a1", "b1"], Names(informer.Indexer.ByIndex(IndexNames.OwnerUid, owner.Uid)));
        Assert.Equal(["a1", "b1"], Names(informer.Indexer.ByIndex("app", "web")));
        Assert.Equal([$"{first}/a2"], informer.Indexer.IndexKeys("app", "db"));
        Assert.Empty(informer.Indexer.ByIndex("app", "cache"));
        Assert.Throws<KeyNotFoundException>(() => informer.Indexer.ByIndex("missing", "x"));

        // The indexes follow changes.
        await client.PatchAsync(first, "a2", new V1Patch("""{"metadata":{"labels":{"app":"web"}}}""", V1Patch.PatchType.MergePatch), Ct);
        await Eventually.TrueAsync(() => informer.Indexer.ByIndex("app", "web").Count == 3, "a2 moved to app=web");
        Assert.Empty(informer.Indexer.ByIndex("app", "db"));
        await client.DeleteAsync(second, "b1", Ct);
        await Eventually.TrueAsync(() => informer.Indexer.ByIndex(IndexNames.OwnerUid, owner.Uid).Count == 1, "b1 left the owner index");

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_WhenTheServerEndsTheWatch_ResumesFromTheLastResourceVersionWithoutDuplicateAdds()
    {
        var ns = await fixture.NamespaceAsync("informer-resume");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var configMaps = new ConfigMaps(client, ns);
        await configMaps.CreateAsync("before");
        var listWatch = new CountingListWatch<V1ConfigMap>(client, ns);
        var informer = new SharedInformer<V1ConfigMap>(listWatch.ListWatch, new SharedInformerOptions { WatchTimeout = TimeSpan.FromSeconds(1) });
        var log = new HandlerLog<V1ConfigMap>();
        informer.AddEventHandler(log.Handler);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(Ct));

        await configMaps.CreateAsync("during");
        await Eventually.TrueAsync(() => listWatch.Watches >= 3, "the server ended two watches");
        await configMaps.SetAsync("before", "1");
        var watches = listWatch.Watches;
        await Eventually.TrueAsync(() => listWatch.Watches >= watches + 2, "the server ended two more watches");
        await configMaps.CreateAsync("after");

        string[] expected = ["ADD before", "ADD during", "UPDATE before", "ADD after"];
        await Eventually.TrueAsync(() => log.Lines.Count >= expected.Length, "the handler saw every change");
        await Eventually.TrueAsync(() => listWatch.Watches >= watches + 3, "one more watch ran after the last change");
        Assert.Equal(expected, log.Lines);
        Assert.Equal(1, listWatch.Lists);
        lock (listWatch.WatchedFrom)
        {
            Assert.All(listWatch.WatchedFrom, rv => Assert.False(string.IsNullOrEmpty(rv)));
        }

        await stop.CancelAsync();
        await run;
    }

    private static string[] Names(IEnumerable<V1ConfigMap> items) => [.. items.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal)];
}
