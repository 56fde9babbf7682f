using System.Net;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchFanOutTests(WatchFixture fixture) : IClassFixture<WatchFixture>
{
    [Fact]
    public async Task TwoHundredConcurrentWatchers_OverHttp2AndHttp11_AllSeeTheSameSequenceOfABurstOfWrites()
    {
        const string ns = "watch-fan-out";
        const int writes = 40;
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var start = await TestObjects.ConfigMapAsync(fixture.Client, ns, "start");
        using var http2 = new ApiHttp(fixture.Server, HttpVersion.Version20);
        using var http1 = new ApiHttp(fixture.Server, HttpVersion.Version11);
        var path = $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={start.Rv()}";

        var watches = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? http2 : http1).WatchAsync(path)));
        try
        {
            Assert.All(watches, w => Assert.Equal(200, (int)w.Response.StatusCode));
            Assert.Equal(100, watches.Count(w => w.Response.Version == HttpVersion.Version20));
            Assert.Equal(100, watches.Count(w => w.Response.Version == HttpVersion.Version11));
            var readers = watches.Select(w => w.TakeAsync(writes, TimeSpan.FromSeconds(60))).ToList();

            var expected = new List<(string, string, long)>();
            for (var i = 0; i < writes; i++)
            {
                var written = i % 2 == 0
                    ? await TestObjects.ConfigMapAsync(fixture.Client, ns, $"cm-{i:D2}")
                    : await TestObjects.SetValueAsync(fixture.Client, ns, "start", $"v{i}");
                expected.Add((i % 2 == 0 ? "ADDED" : "MODIFIED", written.Metadata.Name, written.Rv()));
            }

            foreach (var seen in await Task.WhenAll(readers))
            {
                Assert.Equal(expected, seen.Select(e => (e.Type, e.Name, e.ResourceVersion)));
            }
        }
        finally
        {
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }
    }
}
