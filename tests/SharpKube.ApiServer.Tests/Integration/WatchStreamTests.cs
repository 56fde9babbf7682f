using k8s;
using System.Diagnostics;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchStreamTests(WatchFixture fixture) : IClassFixture<WatchFixture>
{
    [Theory]
    [InlineData("", "watch-initial-empty")]
    [InlineData("&resourceVersion=0", "watch-initial-zero")]
    public async Task Watch_FromEmptyOrZeroResourceVersion_SendsExistingObjectsFirstThenLiveEventsEachFlushed(string rv, string ns)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "b");
        using var http = new ApiHttp(fixture.Server);

        await using var watch = await http.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true{rv}");

        Assert.Equal(200, (int)watch.Response.StatusCode);
        Assert.Equal("application/json", watch.Response.Content.Headers.ContentType?.MediaType);
        var initial = await watch.TakeAsync(2);
        Assert.All(initial, e => Assert.Equal("ADDED", e.Type));
        Assert.Equal(["a", "b"], initial.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(initial, e => Assert.Equal("ConfigMap", e.Kind));

        // Each live event arrives while the response is still open: it was flushed on its own.
        var created = await TestObjects.ConfigMapAsync(fixture.Client, ns, "c");
        var added = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "c", created.Rv()), (added.Type, added.Name, added.ResourceVersion));

        var modified = await TestObjects.SetValueAsync(fixture.Client, ns, "a", "changed");
        var modifiedEvent = await watch.NextChangeAsync();
        Assert.Equal(("MODIFIED", "a", modified.Rv()), (modifiedEvent.Type, modifiedEvent.Name, modifiedEvent.ResourceVersion));
        Assert.Equal("changed", modifiedEvent.Object.GetProperty("data").GetProperty("value").GetString());

        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("b", ns, cancellationToken: TestContext.Current.CancellationToken);
        var deleted = await watch.NextChangeAsync();
        Assert.Equal(("DELETED", "b"), (deleted.Type, deleted.Name));
        Assert.True(deleted.ResourceVersion > modified.Rv(), "a DELETED event carries the deletion's resourceVersion");
    }

    [Fact]
    public async Task Watch_FromAResourceVersion_SendsOnlyLaterChanges()
    {
        const string ns = "watch-from-rv";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "before");
        var marker = await TestObjects.ConfigMapAsync(fixture.Client, ns, "marker");
        var after = await TestObjects.ConfigMapAsync(fixture.Client, ns, "after");
        using var http = new ApiHttp(fixture.Server);

        await using var watch = await http.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={marker.Rv()}");

        var first = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "after", after.Rv()), (first.Type, first.Name, first.ResourceVersion));
    }

    [Fact]
    public async Task Watch_WithAllowWatchBookmarks_GetsPeriodicBookmarksCarryingOnlyKindApiVersionAndResourceVersion()
    {
        const string ns = "watch-bookmarks";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var existing = await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        using var http = new ApiHttp(fixture.Server);

        await using var watch = await http.WatchAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={existing.Rv()}");

        var bookmarks = new List<WatchEventLine>();
        while (bookmarks.Count < 3)
        {
            var next = await watch.NextAsync(WatchFixture.BookmarkInterval * 20) ?? throw new InvalidOperationException("watch ended");
            Assert.Equal("BOOKMARK", next.Type);
            bookmarks.Add(next);
        }
        foreach (var bookmark in bookmarks)
        {
            Assert.Equal("ConfigMap", bookmark.Object.GetProperty("kind").GetString());
            Assert.Equal("v1", bookmark.Object.GetProperty("apiVersion").GetString());
            Assert.Equal(["apiVersion", "kind", "metadata"], bookmark.Object.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(["resourceVersion"], bookmark.Metadata.EnumerateObject().Select(p => p.Name));
            Assert.True(bookmark.ResourceVersion >= existing.Rv());
        }
        Assert.True(bookmarks.Zip(bookmarks.Skip(1)).All(p => p.First.ResourceVersion <= p.Second.ResourceVersion));

        // A change after the bookmarks still arrives, and later bookmarks are not older than it.
        var change = await TestObjects.SetValueAsync(fixture.Client, ns, "a", "x");
        var modified = await watch.NextChangeAsync();
        Assert.Equal(change.Rv(), modified.ResourceVersion);
        var later = await watch.NextAsync();
        Assert.NotNull(later);
        Assert.Equal("BOOKMARK", later.Type);
        Assert.True(later.ResourceVersion >= change.Rv());
    }

    [Fact]
    public async Task Watch_WithoutAllowWatchBookmarks_GetsNoBookmarks()
    {
        const string ns = "watch-no-bookmarks";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var existing = await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        using var http = new ApiHttp(fixture.Server);

        await using var watch = await http.WatchAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=2&resourceVersion={existing.Rv()}");

        // Over 2 s (several bookmark intervals) nothing arrives, and the stream ends cleanly.
        Assert.Null(await watch.NextAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Watch_WithTimeoutSeconds_EndsTheStreamCleanlyAfterTheTimeout()
    {
        const string ns = "watch-timeout";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        using var http = new ApiHttp(fixture.Server);
        var started = Stopwatch.GetTimestamp();

        await using var watch = await http.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=2");

        Assert.Equal("ADDED", (await watch.NextChangeAsync()).Type);
        Assert.Null(await watch.NextAsync(TimeSpan.FromSeconds(15)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Equal(200, (int)watch.Response.StatusCode);
    }
}
