using k8s;
using System.Globalization;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>LIST semantics of the watch cache: paging, resourceVersion and resourceVersionMatch.</summary>
public sealed class WatchCacheListTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ListAsync(ApiHttp http, string pathAndQuery)
    {
        var response = await http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string ListRv(JsonElement list) => list.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;

    private static string? Continue(JsonElement list) =>
        list.GetProperty("metadata").TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } token ? token : null;

    [Fact]
    public async Task PagedList_WithWritesBetweenPages_ReturnsEveryObjectOnceInKeyOrderAtOneResourceVersion()
    {
        const string ns = "list-paging";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var originals = new Dictionary<string, long>();
        for (var i = 0; i < 120; i++)
        {
            var created = await TestObjects.ConfigMapAsync(fixture.Client, ns, $"cm-{i:D3}");
            originals[created.Metadata.Name] = created.Rv();
        }
        using var http = new ApiHttp(fixture.Server);

        var pages = new List<JsonElement> { await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps?limit=50") };
        var listRv = ListRv(pages[0]);
        var writes = 0;
        while (Continue(pages[^1]) is { } token)
        {
            // Writes between pages: a new object after every key, a change and a deletion of objects on later pages.
            await TestObjects.ConfigMapAsync(fixture.Client, ns, $"cm-zzz-{writes}");
            await TestObjects.SetValueAsync(fixture.Client, ns, $"cm-{110 + writes:D3}", "changed");
            await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync($"cm-{119 - writes:D3}", ns, cancellationToken: Ct);
            writes++;
            pages.Add(await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps?limit=50&continue={Uri.EscapeDataString(token)}"));
        }

        Assert.Equal([50, 50, 20], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(listRv, ListRv(p)));
        var items = pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).ToList();
        var names = items.Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!).ToList();
        Assert.Equal(originals.Keys.Order(StringComparer.Ordinal), names);
        foreach (var item in items)
        {
            var metadata = item.GetProperty("metadata");
            Assert.Equal(originals[metadata.GetProperty("name").GetString()!],
                long.Parse(metadata.GetProperty("resourceVersion").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal("v", item.GetProperty("data").GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task List_WithResourceVersionZero_ServesTheCache()
    {
        const string ns = "list-rv-zero";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var created = await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        using var http = new ApiHttp(fixture.Server);

        var list = await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps?resourceVersion=0");

        Assert.Equal("ConfigMapList", list.GetProperty("kind").GetString());
        Assert.True(long.Parse(ListRv(list), CultureInfo.InvariantCulture) > 0);
        // The cache may lag, but never behind a write this client saw acknowledged by a consistent read first.
        var consistent = await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps");
        Assert.True(long.Parse(ListRv(consistent), CultureInfo.InvariantCulture) >= created.Rv());
        var again = await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps?resourceVersion=0");
        Assert.Equal(["a"], again.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_WithResourceVersionMatchExactOfAnOlderVersion_ReturnsTheOldState()
    {
        const string ns = "list-exact";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var before = await TestObjects.ConfigMapAsync(fixture.Client, ns, "a", "old");
        await TestObjects.SetValueAsync(fixture.Client, ns, "a", "new");
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "b");
        using var http = new ApiHttp(fixture.Server);

        var list = await ListAsync(http, $"/api/v1/namespaces/{ns}/configmaps?resourceVersion={before.Rv()}&resourceVersionMatch=Exact");

        Assert.Equal(before.Metadata.ResourceVersion, ListRv(list));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("old", item.GetProperty("data").GetProperty("value").GetString());
        Assert.Equal(before.Metadata.ResourceVersion, item.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task List_NotOlderThanAFutureResourceVersion_IsTooLargeResourceVersion()
    {
        using var http = new ApiHttp(fixture.Server);
        var current = long.Parse(ListRv(await ListAsync(http, "/api/v1/namespaces")), CultureInfo.InvariantCulture);
        var future = current + 1_000_000;

        var response = await http.GetAsync($"/api/v1/namespaces?resourceVersion={future}&resourceVersionMatch=NotOlderThan");

        var message = await StatusAssert.IsFailureAsync(response, 504, "Timeout");
        Assert.StartsWith($"Too large resource version: {future}, current: ", message, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces")).StatusCode);
    }
}
