namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Writes that depend on other objects must see them as soon as they were acknowledged, not when the watch cache catches up.</summary>
public sealed class WatchCacheReadYourWritesTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Create_InANamespaceCreatedAMomentAgo_Succeeds()
    {
        // Several clients at once keep the watch cache busy, so it trails the datastore as it does under load.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var ns = await TestObjects.NamespaceAsync(fixture.Client, $"ryw-{client}-{i}");

                var created = await TestObjects.ConfigMapAsync(fixture.Client, ns, "first");

                Assert.Equal(ns, created.Metadata.NamespaceProperty);
            }
        }, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Create_InANamespaceThatDoesNotExist_IsNotFound()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/ryw-missing/configmaps", """{"metadata":{"name":"x"}}""");

        var message = await StatusAssert.IsFailureAsync(response, 404, "NotFound");
        Assert.Equal("namespaces \"ryw-missing\" not found", message);
    }
}
