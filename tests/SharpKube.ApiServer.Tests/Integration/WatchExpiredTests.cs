using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchExpiredTests(ShortHistoryFixture fixture) : IClassFixture<ShortHistoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertExpiredWatchAsync(ApiHttp http, string path, long tooOld)
    {
        await using var watch = await http.WatchAsync(path);
        Assert.Equal(200, (int)watch.Response.StatusCode);
        var error = await watch.NextAsync();
        Assert.NotNull(error);
        Assert.Equal("ERROR", error.Type);
        var message = StatusAssert.IsFailure(error.Object, 410, "Expired");
        Assert.StartsWith($"too old resource version: {tooOld} (", message, StringComparison.Ordinal);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_FromAResourceVersionOlderThanTheHistory_AfterCompaction_GetsAnExpiredErrorEventAndTheStreamEnds()
    {
        const string ns = "watch-expired";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var old = await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "b");
        var last = old;
        for (var i = 0; i < 2 * 128; i++)
        {
            last = await TestObjects.SetValueAsync(fixture.Client, ns, "b", $"v{i}");
        }
        await fixture.Server.Datastore.CompactAsync(last.Rv(), Ct);
        using var http = new ApiHttp(fixture.Server);

        await AssertExpiredWatchAsync(http, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={old.Rv()}", old.Rv());

        // Recent history still resumes, and the server keeps serving watches.
        await using var recent = await http.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={last.Rv() - 1}");
        var replayed = await recent.NextChangeAsync();
        Assert.Equal(("MODIFIED", last.Rv()), (replayed.Type, replayed.ResourceVersion));

        // An exact list at the compacted revision is gone too.
        var exact = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?resourceVersion={old.Rv()}&resourceVersionMatch=Exact");
        await StatusAssert.IsFailureAsync(exact, 410, "Expired");
    }

    [Fact]
    public async Task List_WithAContinueTokenOlderThanTheCompactedRevision_IsExpired()
    {
        const string ns = "list-expired-continue";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        for (var i = 0; i < 12; i++)
        {
            await TestObjects.ConfigMapAsync(fixture.Client, ns, $"cm-{i:D2}");
        }
        using var http = new ApiHttp(fixture.Server);
        using var first = JsonDocument.Parse(await (await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=5")).Content.ReadAsStringAsync(Ct));
        var token = first.RootElement.GetProperty("metadata").GetProperty("continue").GetString();
        var changed = await TestObjects.SetValueAsync(fixture.Client, ns, "cm-11", "changed");
        await fixture.Server.Datastore.CompactAsync(changed.Rv(), Ct);

        var next = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=5&continue={Uri.EscapeDataString(token!)}");

        var message = await StatusAssert.IsFailureAsync(next, 410, "Expired");
        Assert.StartsWith("The provided continue parameter is too old", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=5")).StatusCode);
    }

    [Fact]
    public async Task Watch_FromAResourceVersionOlderThanTheCacheStart_AfterARestartOnTheSameDataDir_IsExpired()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-watch-restart-").FullName;
        try
        {
            var options = new ApiServerOptions
            {
                DataDir = dataDir,
                BindAddress = IPAddress.Loopback,
                HttpsPort = 0,
                Datastore = DatastoreDriver.Sqlite,
                Token = ApiHttp.AdminToken,
            };
            long old, latest;
            await using (var first = await ApiServerHost.StartAsync(options, NullLoggerFactory.Instance, Ct))
            {
                using var http = new ApiHttp(first);
                Assert.Equal(HttpStatusCode.Created, (await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
                    """{"metadata":{"name":"a"}}""")).StatusCode);
                using var list = JsonDocument.Parse(await (await http.GetAsync("/api/v1/namespaces/default/configmaps")).Content.ReadAsStringAsync(Ct));
                old = long.Parse(list.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                using var created = JsonDocument.Parse(await (await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
                    """{"metadata":{"name":"b"}}""")).Content.ReadAsStringAsync(Ct));
                latest = long.Parse(created.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            }

            await using var second = await ApiServerHost.StartAsync(options, NullLoggerFactory.Instance, Ct);
            using var again = new ApiHttp(second);

            await AssertExpiredWatchAsync(again, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={old}", old);

            // A watch from the newest revision the first server acknowledged still works and sees new writes.
            await using var watch = await again.WatchAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={latest}");
            await again.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"}}""");
            var added = await watch.NextChangeAsync();
            Assert.Equal(("ADDED", "c"), (added.Type, added.Name));
            Assert.True(added.ResourceVersion > latest);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
