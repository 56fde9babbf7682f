using System.Text.Json;
using SharpKube.ApiMachinery.Discovery;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.OpenApi;

public sealed class CustomResourceDocumentsTests
{
    private static readonly ResourceRegistry Registry = new(
    [
        new ResourceDefinition
        {
            Group = "example.com", Version = "v1", Kind = "Widget", Plural = "widgets", Singular = "widget",
            Namespaced = true, ShortNames = ["wd"],
            Subresources = [new SubresourceDefinition("status", "Widget", ["get", "patch", "update"])],
        },
    ]);

    [Fact]
    public void KindsWithoutAModel_GetAMinimalSchemaNamedByReversedDomain()
    {
        var documents = new OpenApiV3Documents(Registry);
        Assert.Equal(["apis/example.com/v1"], documents.Paths);
        Assert.True(documents.TryGet("apis/example.com/v1", out var body, out _));
        using var document = JsonDocument.Parse(body);
        var widget = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("com.example.v1.Widget");
        Assert.Equal(["apiVersion", "kind", "metadata"], widget.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var patch = document.RootElement.GetProperty("paths")
            .GetProperty("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status").GetProperty("patch");
        Assert.Equal("patchExampleComV1NamespacedWidgetStatus", patch.GetProperty("operationId").GetString());
        // Strategic merge patch is refused (415) for kinds without a model, so it is not offered either.
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"],
            patch.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public void OperationIds_AreUniqueWithinEachDocument()
    {
        foreach (var path in OpenApiV3Documents.BuiltIn.Paths)
        {
            Assert.True(OpenApiV3Documents.BuiltIn.TryGet(path, out var body, out _));
            using var document = JsonDocument.Parse(body);
            var ids = document.RootElement.GetProperty("paths").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters"))
                .Select(o => o.Value.GetProperty("operationId").GetString())
                .ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
        }
    }

    [Fact]
    public void Discovery_OfACustomRegistry_HasNoCoreGroup()
    {
        var documents = new DiscoveryDocuments(Registry);
        using var core = JsonDocument.Parse(documents.AggregatedCore(AggregatedDiscoveryVersion.V2).Body);
        Assert.Equal(0, core.RootElement.GetProperty("items").GetArrayLength());
        Assert.True(documents.TryGetResourceList("example.com", "v1", out var widgets));
        using var list = JsonDocument.Parse(widgets.Body);
        Assert.Equal(
            ["widgets", "widgets/status"],
            list.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }
}
