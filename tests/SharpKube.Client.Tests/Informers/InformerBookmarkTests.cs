using System.Globalization;
using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class InformerBookmarkTests(FrequentBookmarksFixture fixture) : IClassFixture<FrequentBookmarksFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Informer_FollowsBookmarks_SoItsResourceVersionAdvancesWithoutChangesToItsObjects()
    {
        var watched = await fixture.NamespaceAsync("bookmarks-watched");
        var other = await fixture.NamespaceAsync("bookmarks-other");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var informer = new SharedInformer<V1ConfigMap>(new ListWatch<V1ConfigMap>(client, watched));
        var log = new HandlerLog<V1ConfigMap>();
        informer.AddEventHandler(log.Handler);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(Ct));

        var elsewhere = await new ConfigMaps(client, other).CreateAsync("elsewhere");
        var written = long.Parse(elsewhere.Metadata.ResourceVersion, CultureInfo.InvariantCulture);

        await Eventually.TrueAsync(() => long.Parse(informer.LastSyncResourceVersion ?? "0", CultureInfo.InvariantCulture) >= written,
            "a bookmark carried the informer past the write in the other namespace");
        Assert.Empty(log.Lines);

        await stop.CancelAsync();
        await run;
    }
}
