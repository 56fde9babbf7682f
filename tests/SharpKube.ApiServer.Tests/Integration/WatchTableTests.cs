using k8s;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchTableTests(WatchFixture fixture) : IClassFixture<WatchFixture>
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static JsonElement SingleRow(WatchEventLine line)
    {
        Assert.Equal("Table", line.Kind);
        Assert.Equal("meta.k8s.io/v1", line.Object.GetProperty("apiVersion").GetString());
        return Assert.Single(line.Object.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task TableWatch_EveryEventCarriesAOneRowTable_ColumnsInTheFirst()
    {
        const string ns = "watch-table";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "a");
        using var http = new ApiHttp(fixture.Server);

        await using var watch = await http.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=0", TableAccept);

        var first = await watch.NextChangeAsync();
        Assert.Equal("ADDED", first.Type);
        var columns = first.Object.GetProperty("columnDefinitions").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal("Name", columns[0]);
        var row = SingleRow(first);
        Assert.Equal("a", row.GetProperty("cells")[0].GetString());
        Assert.Equal("PartialObjectMetadata", row.GetProperty("object").GetProperty("kind").GetString());

        await TestObjects.ConfigMapAsync(fixture.Client, ns, "b");
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns, cancellationToken: TestContext.Current.CancellationToken);
        var later = await watch.TakeAsync(2);

        Assert.Equal(["ADDED", "DELETED"], later.Select(e => e.Type));
        Assert.Equal(["b", "a"], later.Select(e => SingleRow(e).GetProperty("cells")[0].GetString()));
        Assert.All(later, e => Assert.False(e.Object.TryGetProperty("columnDefinitions", out _)));
    }
}
