using System.Text.Json;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.OpenApi;

/// <summary>
/// The served documents carry upstream's patch extensions on the properties of the model schemas, which is what
/// kubectl reads to build strategic merge patches (merge keys) and what server-side apply clients read (list types).
/// </summary>
public sealed class PatchExtensionsDocumentTests
{
    private const string Core = "io.k8s.api.core.v1.";
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    [Theory]
    [InlineData("api/v1", Core + "PodSpec", "containers",
        """{"x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Core + "PodSpec", "volumes",
        """{"x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge,retainKeys"}""")]
    [InlineData("api/v1", Core + "Container", "ports",
        """{"x-kubernetes-list-map-keys":["containerPort","protocol"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"containerPort","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Core + "Container", "env",
        """{"x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Core + "Container", "volumeMounts",
        """{"x-kubernetes-list-map-keys":["mountPath"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"mountPath","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Core + "PodSpec", "nodeSelector", """{"x-kubernetes-map-type":"atomic"}""")]
    [InlineData("api/v1", Core + "PodStatus", "hostIPs",
        """{"x-kubernetes-list-type":"atomic","x-kubernetes-patch-merge-key":"ip","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Core + "ServiceSpec", "ports",
        """{"x-kubernetes-list-map-keys":["port","protocol"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"port","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Meta + "ObjectMeta", "finalizers",
        """{"x-kubernetes-list-type":"set","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("api/v1", Meta + "ObjectMeta", "ownerReferences",
        """{"x-kubernetes-list-map-keys":["uid"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"uid","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("apis/apps/v1", Core + "PodSpec", "containers",
        """{"x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge"}""")]
    [InlineData("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec", "strategy", """{"x-kubernetes-patch-strategy":"retainKeys"}""")]
    [InlineData("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentStatus", "conditions",
        """{"x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"type","x-kubernetes-patch-strategy":"merge"}""")]
    // As upstream, a property referring to an atomic struct carries nothing itself (see the LabelSelector test).
    [InlineData("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec", "selector", "{}")]
    [InlineData("api/v1", Core + "Container", "image", "{}")]
    [InlineData("api/v1", Core + "PodSpec", "tolerations", "{}")]
    public void Property_CarriesUpstreamsPatchExtensions(string document, string schema, string property, string expected)
    {
        using var json = Document(document);
        var properties = Schemas(json).GetProperty(schema).GetProperty("properties");

        Assert.Equal(expected, Extensions(properties.GetProperty(property)));
    }

    [Fact]
    public void DeploymentSelector_RefersToLabelSelector_WhichIsAnAtomicMap()
    {
        using var apps = Document("apis/apps/v1");
        var schemas = Schemas(apps);
        var selector = schemas.GetProperty("io.k8s.api.apps.v1.DeploymentSpec").GetProperty("properties").GetProperty("selector");
        Assert.Equal("#/components/schemas/" + Meta + "LabelSelector",
            Assert.Single(selector.GetProperty("allOf").EnumerateArray()).GetProperty("$ref").GetString());

        Assert.Equal("""{"x-kubernetes-map-type":"atomic"}""", Extensions(schemas.GetProperty(Meta + "LabelSelector")));
        Assert.Equal("{}", Extensions(schemas.GetProperty("io.k8s.api.apps.v1.DeploymentSpec")));
    }

    [Fact]
    public void CoreAtomicStructs_AreMarkedOnTheirOwnSchemas()
    {
        using var core = Document("api/v1");
        var schemas = Schemas(core);
        foreach (var name in new[] { "ObjectReference", "LocalObjectReference", "ConfigMapKeySelector", "SecretKeySelector", "NodeSelector" })
        {
            Assert.Equal("""{"x-kubernetes-map-type":"atomic"}""", Extensions(schemas.GetProperty(Core + name)));
        }
    }

    [Fact]
    public void DocumentsWithoutASource_CarryNoPatchExtensions()
    {
        var plain = new OpenApiV3Documents(ResourceRegistry.BuiltIn);
        Assert.True(plain.TryGet("api/v1", out var body, out _));
        using var json = JsonDocument.Parse(body);

        var containers = Schemas(json).GetProperty(Core + "PodSpec").GetProperty("properties").GetProperty("containers");
        Assert.Equal("{}", Extensions(containers));
    }

    /// <summary>The x-kubernetes-patch/list/map members of a schema, sorted by name, as compact JSON.</summary>
    private static string Extensions(JsonElement schema)
    {
        var members = schema.EnumerateObject()
            .Where(m => m.Name.StartsWith("x-kubernetes-", StringComparison.Ordinal) && m.Name != "x-kubernetes-group-version-kind")
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => JsonSerializer.Serialize(m.Name) + ":" + m.Value.GetRawText());
        return "{" + string.Join(",", members) + "}";
    }

    private static JsonDocument Document(string path)
    {
        Assert.True(OpenApiV3Documents.BuiltIn.TryGet(path, out var document, out _), path);
        return JsonDocument.Parse(document);
    }

    private static JsonElement Schemas(JsonDocument document) =>
        document.RootElement.GetProperty("components").GetProperty("schemas");
}
