using System.Net;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// The served <c>/openapi/v3</c> documents carry upstream's patch extensions and PATCH media types, reached the way
/// kubectl reaches them: the index, then the <c>serverRelativeURL</c> with its hash.
/// </summary>
public sealed class OpenApiPatchExtensionsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Core = "io.k8s.api.core.v1.";
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServedAppsDocument_CarriesMergeKeysOnPodTemplateLists()
    {
        using var apps = await FetchAsync("apis/apps/v1");
        var schemas = apps.RootElement.GetProperty("components").GetProperty("schemas");

        var containers = Property(schemas, Core + "PodSpec", "containers");
        Assert.Equal(["name"], containers.GetProperty("x-kubernetes-list-map-keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("map", containers.GetProperty("x-kubernetes-list-type").GetString());
        Assert.Equal("name", containers.GetProperty("x-kubernetes-patch-merge-key").GetString());
        Assert.Equal("merge", containers.GetProperty("x-kubernetes-patch-strategy").GetString());

        var ports = Property(schemas, Core + "Container", "ports");
        Assert.Equal(["containerPort", "protocol"], ports.GetProperty("x-kubernetes-list-map-keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("containerPort", ports.GetProperty("x-kubernetes-patch-merge-key").GetString());
        Assert.Equal("name", Property(schemas, Core + "Container", "env").GetProperty("x-kubernetes-patch-merge-key").GetString());
        Assert.Equal("merge,retainKeys", Property(schemas, Core + "PodSpec", "volumes").GetProperty("x-kubernetes-patch-strategy").GetString());

        var finalizers = Property(schemas, Meta + "ObjectMeta", "finalizers");
        Assert.Equal(("set", "merge"), (finalizers.GetProperty("x-kubernetes-list-type").GetString(),
            finalizers.GetProperty("x-kubernetes-patch-strategy").GetString()));
        Assert.False(finalizers.TryGetProperty("x-kubernetes-patch-merge-key", out _));
        Assert.Equal("uid", Property(schemas, Meta + "ObjectMeta", "ownerReferences").GetProperty("x-kubernetes-patch-merge-key").GetString());

        var selector = Property(schemas, "io.k8s.api.apps.v1.DeploymentSpec", "selector");
        Assert.EndsWith(Meta + "LabelSelector", selector.GetProperty("allOf")[0].GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.Equal("atomic", schemas.GetProperty(Meta + "LabelSelector").GetProperty("x-kubernetes-map-type").GetString());
    }

    [Fact]
    public async Task ServedDeploymentPatch_ListsUpstreamsPatchTypesAndParameters()
    {
        using var apps = await FetchAsync("apis/apps/v1");
        var patch = apps.RootElement.GetProperty("paths")
            .GetProperty("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").GetProperty("patch");

        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
            patch.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name));
        var parameters = patch.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Contains("fieldValidation", parameters);
        Assert.Contains("force", parameters);
    }

    private async Task<JsonDocument> FetchAsync(string groupVersion)
    {
        using var http = new ApiHttp(fixture.Server);
        var index = await http.GetAsync("/openapi/v3", accept: "application/json, */*");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        using var paths = JsonDocument.Parse(await index.Content.ReadAsStringAsync(Ct));
        var url = paths.RootElement.GetProperty("paths").GetProperty(groupVersion).GetProperty("serverRelativeURL").GetString()!;
        var document = await http.GetAsync(url, accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        return JsonDocument.Parse(await document.Content.ReadAsStringAsync(Ct));
    }

    private static JsonElement Property(JsonElement schemas, string schema, string property) =>
        schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);
}
