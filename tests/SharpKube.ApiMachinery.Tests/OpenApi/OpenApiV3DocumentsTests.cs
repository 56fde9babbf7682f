using System.Security.Cryptography;
using System.Text.Json;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.OpenApi;

public sealed class OpenApiV3DocumentsTests
{
    private static readonly OpenApiV3Documents Documents = OpenApiV3Documents.BuiltIn;

    [Fact]
    public void Index_LinksEveryServedGroupVersion_ByTheHashOfItsDocument()
    {
        using var index = JsonDocument.Parse(Documents.Index);
        var paths = index.RootElement.GetProperty("paths");
        Assert.Equal(ResourceRegistry.BuiltIn.GroupVersions.Count, paths.EnumerateObject().Count());
        Assert.True(paths.TryGetProperty("api/v1", out _));
        Assert.True(paths.TryGetProperty("apis/autoscaling/v2", out _));
        foreach (var path in paths.EnumerateObject())
        {
            Assert.True(Documents.TryGet(path.Name, out var document, out var hash));
            Assert.Equal(Convert.ToHexString(SHA512.HashData(document)), hash);
            Assert.Equal("/openapi/v3/" + path.Name + "?hash=" + hash, path.Value.GetProperty("serverRelativeURL").GetString());
        }
    }

    [Fact]
    public void TryGet_AnswersFalseForUnservedGroupVersions()
    {
        Assert.False(Documents.TryGet("apis/apps/v1beta1", out _, out _));
        Assert.False(Documents.TryGet("/api/v1", out _, out _));
    }

    [Fact]
    public void Documents_AreOpenApi3ForKubernetes132()
    {
        using var apps = Document("apis/apps/v1");
        Assert.Equal("3.0.0", apps.RootElement.GetProperty("openapi").GetString());
        var info = apps.RootElement.GetProperty("info");
        Assert.Equal(("Kubernetes", "v1.32.0"), (info.GetProperty("title").GetString(), info.GetProperty("version").GetString()));
    }

    [Fact]
    public void DeploymentPatch_CarriesItsKindFieldValidationAndUpstreamsFourPatchTypes()
    {
        using var apps = Document("apis/apps/v1");
        var patch = apps.RootElement.GetProperty("paths")
            .GetProperty("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").GetProperty("patch");
        Assert.Equal(("apps", "v1", "Deployment"), Gvk(patch));
        Assert.Equal("patch", patch.GetProperty("x-kubernetes-action").GetString());
        Assert.Contains(patch.GetProperty("parameters").EnumerateArray(), p =>
            p.GetProperty("name").GetString() == "fieldValidation" && p.GetProperty("in").GetString() == "query");
        var names = patch.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], names);
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
                "application/strategic-merge-patch+json"],
            patch.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public void EveryPatchOperation_HasFieldValidationForceAndStrategicMergePatch_AsUpstreamForBuiltInKinds()
    {
        foreach (var path in Documents.Paths)
        {
            using var document = Document(path);
            foreach (var operation in Operations(document).Where(o => o.Method == "patch"))
            {
                var parameters = operation.Body.GetProperty("parameters").EnumerateArray()
                    .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
                Assert.StartsWith("fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields.",
                    parameters["fieldValidation"].GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.Equal("Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.",
                    parameters["force"].GetProperty("description").GetString());
                Assert.Equal("boolean", parameters["force"].GetProperty("schema").GetProperty("type").GetString());
                Assert.True(operation.Body.GetProperty("requestBody").GetProperty("content")
                    .TryGetProperty("application/strategic-merge-patch+json", out _), operation.Path);
            }
        }
    }

    [Fact]
    public void EveryWriteOperation_CarriesAKindAndFieldValidation()
    {
        foreach (var path in Documents.Paths)
        {
            using var document = Document(path);
            foreach (var operation in Operations(document).Where(o => o.Method is "post" or "put" or "patch"))
            {
                Assert.True(operation.Body.TryGetProperty("x-kubernetes-group-version-kind", out _), operation.Path);
                Assert.Contains(operation.Body.GetProperty("parameters").EnumerateArray(), p =>
                    p.GetProperty("name").GetString() == "fieldValidation");
            }
        }
    }

    [Fact]
    public void EveryKind_HasPatchAndSchemaInItsGroupVersionDocument()
    {
        foreach (var resource in ResourceRegistry.BuiltIn.All.Where(r => r.Verbs.Contains("patch")))
        {
            var path = resource.Group.Length == 0 ? "api/" + resource.Version : "apis/" + resource.Group + "/" + resource.Version;
            using var document = Document(path);
            var gvk = (resource.Group, resource.Version, resource.Kind);
            Assert.Contains(Operations(document), o => o.Method == "patch" && Gvk(o.Body) == gvk);
            Assert.Single(
                document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject(),
                s => s.Value.TryGetProperty("x-kubernetes-group-version-kind", out var kinds)
                    && kinds.EnumerateArray().Any(k => Gvk(k) == gvk));
        }
    }

    [Fact]
    public void DeploymentSchema_IsNamedLikeUpstream_WithTopLevelFields()
    {
        using var apps = Document("apis/apps/v1");
        var schemas = apps.RootElement.GetProperty("components").GetProperty("schemas");
        var deployment = schemas.GetProperty("io.k8s.api.apps.v1.Deployment");
        Assert.Equal("object", deployment.GetProperty("type").GetString());
        Assert.Equal(("apps", "v1", "Deployment"), Gvk(Assert.Single(deployment.GetProperty("x-kubernetes-group-version-kind").EnumerateArray())));
        var properties = deployment.GetProperty("properties");
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            Assert.Single(properties.GetProperty("metadata").GetProperty("allOf").EnumerateArray()).GetProperty("$ref").GetString());
        var objectMeta = schemas.GetProperty("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").GetProperty("properties");
        Assert.Equal("string", objectMeta.GetProperty("name").GetProperty("type").GetString());
        Assert.Equal("object", objectMeta.GetProperty("labels").GetProperty("type").GetString());
        Assert.True(schemas.TryGetProperty("io.k8s.api.autoscaling.v1.Scale", out _));
    }

    [Theory]
    [InlineData("apis/apiextensions.k8s.io/v1", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition")]
    [InlineData("apis/apiregistration.k8s.io/v1", "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService")]
    [InlineData("api/v1", "io.k8s.api.core.v1.Pod")]
    [InlineData("apis/rbac.authorization.k8s.io/v1", "io.k8s.api.rbac.v1.ClusterRole")]
    [InlineData("apis/autoscaling/v2", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler")]
    [InlineData("apis/events.k8s.io/v1", "io.k8s.api.events.v1.Event")]
    public void SchemaNames_FollowUpstreamPackages(string path, string schema)
    {
        using var document = Document(path);
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty(schema, out _));
    }

    [Fact]
    public void CorePaths_FollowEachResourcesScope()
    {
        using var core = Document("api/v1");
        var paths = core.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/namespaces/{namespace}/pods/{name}", out var pod));
        Assert.Equal(
            ["name", "namespace", "pretty"],
            pod.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.True(paths.TryGetProperty("/api/v1/pods", out var allPods));
        Assert.Equal("list", allPods.GetProperty("get").GetProperty("x-kubernetes-action").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/nodes/{name}", out _));
        Assert.False(paths.TryGetProperty("/api/v1/namespaces/{namespace}/nodes", out _));
        Assert.True(paths.TryGetProperty("/api/v1/namespaces/{namespace}/bindings", out var bindings));
        Assert.Equal(["parameters", "post"], bindings.EnumerateObject().Select(p => p.Name).Order());
        var eviction = paths.GetProperty("/api/v1/namespaces/{namespace}/pods/{name}/eviction").GetProperty("post");
        Assert.Equal(("policy", "v1", "Eviction"), Gvk(eviction));
        Assert.False(paths.TryGetProperty("/api/v1/namespaces/{namespace}/pods/{name}/exec", out _));
    }

    [Fact]
    public void Namespaces_HaveNoDeleteCollectionOperation()
    {
        using var core = Document("api/v1");
        var namespaces = core.RootElement.GetProperty("paths").GetProperty("/api/v1/namespaces");
        Assert.False(namespaces.TryGetProperty("delete", out _));
        Assert.True(namespaces.TryGetProperty("post", out _));
    }

    [Fact]
    public void EveryReference_ResolvesToASchemaOfTheSameDocument()
    {
        foreach (var path in Documents.Paths)
        {
            using var document = Document(path);
            var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
            foreach (var reference in References(document.RootElement))
            {
                Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
                Assert.True(schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), reference);
            }
        }
    }

    private static JsonDocument Document(string path)
    {
        Assert.True(Documents.TryGet(path, out var document, out _), path);
        return JsonDocument.Parse(document);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Body)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Where(p => p.Name != "parameters").Select(p => (path.Name, p.Name, p.Value)));

    private static (string?, string?, string?) Gvk(JsonElement element)
    {
        var gvk = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("x-kubernetes-group-version-kind", out var ext)
            ? ext
            : element;
        return (gvk.GetProperty("group").GetString(), gvk.GetProperty("version").GetString(), gvk.GetProperty("kind").GetString());
    }

    private static IEnumerable<string> References(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // JSONSchemaProps has a property named "$ref"; only string values are references.
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    foreach (var nested in References(property.Value))
                    {
                        yield return nested;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var nested in element.EnumerateArray().SelectMany(References))
                {
                    yield return nested;
                }
                break;
        }
    }
}
