using System.Net;
using k8s;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchResumeTests(WatchFixture fixture) : IClassFixture<WatchFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_ResumedFromTheLastSeenResourceVersionAfterADroppedConnection_SeesEveryChangeExactlyOnceInOrder()
    {
        const string ns = "watch-resume";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var start = await TestObjects.ConfigMapAsync(fixture.Client, ns, "start");
        var expected = new List<(string Type, string Name, long? Rv)>();
        var firstSeen = new TaskCompletionSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 90; i++)
            {
                var name = $"cm-{i % 30:D2}";
                switch (i / 30)
                {
                    case 0:
                        expected.Add(("ADDED", name, (await TestObjects.ConfigMapAsync(fixture.Client, ns, name)).Rv()));
                        break;
                    case 1:
                        expected.Add(("MODIFIED", name, (await TestObjects.SetValueAsync(fixture.Client, ns, name, "x")).Rv()));
                        break;
                    default:
                        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, cancellationToken: Ct);
                        expected.Add(("DELETED", name, null));
                        break;
                }
                if (i == 10)
                {
                    // Keep writing only once the first watch is known to be consuming.
                    await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
                }
            }
        }, Ct);

        var seen = new List<WatchEventLine>();
        using (var http1 = new ApiHttp(fixture.Server, HttpVersion.Version11))
        await using (var first = await http1.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={start.Rv()}"))
        {
            seen.AddRange(await first.TakeAsync(5));
            firstSeen.SetResult();
            seen.AddRange(await first.TakeAsync(15));
            // Leaving the block drops the connection in the middle of the stream while the writer goes on.
        }

        using var http2 = new ApiHttp(fixture.Server);
        await using (var resumed = await http2.WatchAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={seen[^1].ResourceVersion}"))
        {
            seen.AddRange(await resumed.TakeAsync(90 - seen.Count));
        }
        await writer;

        Assert.Equal(expected.Select(e => (e.Type, e.Name)), seen.Select(e => (e.Type, e.Name)));
        Assert.Equal(seen.Count, seen.Select(e => e.ResourceVersion).Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.ResourceVersion < p.Second.ResourceVersion), "events are in resourceVersion order");
        foreach (var (want, got) in expected.Zip(seen))
        {
            if (want.Rv is { } rv)
            {
                Assert.Equal(rv, got.ResourceVersion);
            }
        }
    }

    [Fact]
    public async Task KubernetesClient_InformerStyle_ListsThenWatchesFromTheListResourceVersionWithBookmarks()
    {
        const string ns = "watch-informer";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "existing");

        var list = await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 500, resourceVersion: "0", cancellationToken: Ct);
        Assert.Equal(["existing"], list.Items.Select(i => i.Metadata.Name));
        var listRv = long.Parse(list.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

        // A change between the list and the watch must not be lost.
        var between = await TestObjects.ConfigMapAsync(fixture.Client, ns, "between");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var watch = fixture.Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true,
            resourceVersion: list.Metadata.ResourceVersion, timeoutSeconds: 300, cancellationToken: stop.Token);
        var events = new List<(WatchEventType Type, string? Name, long Rv)>();
        var createdLater = false;
        long laterRv = 0;
        await foreach (var (type, item) in watch)
        {
            events.Add((type, item.Metadata?.Name, item.Rv()));
            if (!createdLater && type == WatchEventType.Added)
            {
                createdLater = true;
                laterRv = (await TestObjects.ConfigMapAsync(fixture.Client, ns, "later")).Rv();
            }
            if (type == WatchEventType.Bookmark && laterRv != 0 && item.Rv() >= laterRv)
            {
                break;
            }
        }

        var changes = events.Where(e => e.Type != WatchEventType.Bookmark).ToList();
        Assert.Equal([(WatchEventType.Added, "between", between.Rv()), (WatchEventType.Added, "later", laterRv)], changes);
        Assert.Contains(events, e => e.Type == WatchEventType.Bookmark);
        Assert.All(events, e => Assert.True(e.Rv >= listRv));
    }
}
