using System.Diagnostics;
using System.Text.Json;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.OpenApi;

public sealed class ModelSchemaTests
{
    private const string Prefix = "#/components/schemas/";

    [Fact]
    public void PodSpecContainers_LeadToTheContainerSchema_WithNameRequiredAndImageDocumented()
    {
        using var core = Document("api/v1");
        var schemas = Schemas(core);
        var spec = schemas.GetProperty(Referenced(schemas.GetProperty("io.k8s.api.core.v1.Pod").GetProperty("properties").GetProperty("spec")));
        Assert.Equal("io.k8s.api.core.v1.PodSpec", Referenced(schemas.GetProperty("io.k8s.api.core.v1.Pod").GetProperty("properties").GetProperty("spec")));
        var containers = spec.GetProperty("properties").GetProperty("containers");
        Assert.Equal("array", containers.GetProperty("type").GetString());
        Assert.StartsWith("List of containers belonging to the pod.", containers.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("containers", spec.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("io.k8s.api.core.v1.Container", Referenced(containers.GetProperty("items")));

        var container = schemas.GetProperty("io.k8s.api.core.v1.Container");
        Assert.Equal("A single application container that you want to run within a pod.", container.GetProperty("description").GetString());
        Assert.Contains("name", container.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var image = container.GetProperty("properties").GetProperty("image");
        Assert.Equal("string", image.GetProperty("type").GetString());
        Assert.StartsWith("Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field", image.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("io.k8s.api.core.v1.Probe", Referenced(container.GetProperty("properties").GetProperty("livenessProbe")));
    }

    [Fact]
    public void SpecialTypes_HaveUpstreamNamesAndWireTypes()
    {
        using var core = Document("api/v1");
        var schemas = Schemas(core);
        var meta = schemas.GetProperty("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").GetProperty("properties");
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.Time", Referenced(meta.GetProperty("creationTimestamp")));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference", Referenced(meta.GetProperty("ownerReferences").GetProperty("items")));
        Assert.Equal("string", meta.GetProperty("labels").GetProperty("additionalProperties").GetProperty("type").GetString());
        Assert.Equal(
            "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
            Referenced(schemas.GetProperty("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry").GetProperty("properties").GetProperty("fieldsV1")));
        var time = schemas.GetProperty("io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        Assert.Equal(("string", "date-time"), (time.GetProperty("type").GetString(), time.GetProperty("format").GetString()));
        Assert.Equal(["string", "number"], OneOfTypes(schemas.GetProperty("io.k8s.apimachinery.pkg.api.resource.Quantity")));
        var intOrString = schemas.GetProperty("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        Assert.True(intOrString.GetProperty("x-kubernetes-int-or-string").GetBoolean());
        Assert.Equal("int-or-string", intOrString.GetProperty("format").GetString());
        Assert.Equal(["string", "number"], OneOfTypes(intOrString));
        var requests = schemas.GetProperty("io.k8s.api.core.v1.ResourceRequirements").GetProperty("properties").GetProperty("requests");
        Assert.Equal("io.k8s.apimachinery.pkg.api.resource.Quantity", Referenced(requests.GetProperty("additionalProperties")));
        var port = schemas.GetProperty("io.k8s.api.core.v1.ContainerPort").GetProperty("properties").GetProperty("containerPort");
        Assert.Equal(("integer", "int32"), (port.GetProperty("type").GetString(), port.GetProperty("format").GetString()));
        Assert.Equal("io.k8s.api.core.v1.EndpointPort", Referenced(schemas.GetProperty("io.k8s.api.core.v1.EndpointSubset").GetProperty("properties").GetProperty("ports").GetProperty("items")));
    }

    [Fact]
    public void TypesUsedAcrossGroups_KeepTheirOwnPackage()
    {
        using var apps = Document("apis/apps/v1");
        var schemas = Schemas(apps);
        var spec = schemas.GetProperty("io.k8s.api.apps.v1.DeploymentSpec");
        Assert.Equal(["selector", "template"], spec.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", Referenced(spec.GetProperty("properties").GetProperty("selector")));
        Assert.Equal("io.k8s.api.core.v1.PodTemplateSpec", Referenced(spec.GetProperty("properties").GetProperty("template")));
        Assert.True(schemas.TryGetProperty("io.k8s.api.core.v1.Container", out _));
        using var storage = Document("apis/storage.k8s.io/v1");
        Assert.True(Schemas(storage).TryGetProperty("io.k8s.api.core.v1.TopologySelectorTerm", out _));
        // NodeSelector is deep below Pod but one step below resource.k8s.io's ResourceSlice: still core.
        Assert.Equal("io.k8s.api.core.v1.NodeSelector", ModelSchemaNames.Of(typeof(k8s.Models.V1NodeSelector)));
    }

    [Fact]
    public void EveryModelType_HasItsOwnSchemaName()
    {
        var named = typeof(k8s.Models.V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Name: ModelSchemaNames.Of(t)))
            .Where(t => t.Name is not null)
            .ToArray();
        Assert.True(named.Length > 500, $"{named.Length} named types");
        Assert.Empty(named.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal("io.k8s.api.discovery.v1.EndpointPort", ModelSchemaNames.Of(typeof(k8s.Models.Discoveryv1EndpointPort)));
        Assert.Equal("io.k8s.api.rbac.v1.Subject", ModelSchemaNames.Of(typeof(k8s.Models.Rbacv1Subject)));
        Assert.Equal("io.k8s.api.autoscaling.v2.MetricSpec", ModelSchemaNames.Of(typeof(k8s.Models.V2MetricSpec)));
    }

    [Fact]
    public void AllDocuments_BuildInAFewSeconds()
    {
        // The first build also reflects over the KubernetesClient assembly and reads the embedded documentation
        // (about a second on an idle machine; the bound leaves room for a loaded CI box). Later builds reuse both.
        var stopwatch = Stopwatch.StartNew();
        _ = new OpenApiV3Documents(ResourceRegistry.BuiltIn);
        var first = stopwatch.Elapsed;
        stopwatch.Restart();
        var documents = new OpenApiV3Documents(ResourceRegistry.BuiltIn);
        stopwatch.Stop();
        Assert.True(first < TimeSpan.FromSeconds(10), $"first build took {first}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"built in {stopwatch.Elapsed}");
        Assert.True(ModelDocumentation.Shared.Count > 4000, $"{ModelDocumentation.Shared.Count} documented members");
        Assert.True(documents.TryGet("api/v1", out var core, out _));
        Assert.True(core.Length > 100_000, $"api/v1 is {core.Length} bytes");
    }

    [Fact]
    public void Hash_ChangesWithContent_WhenPatchMetadataAddsExtensions()
    {
        var plain = new OpenApiV3Documents(ResourceRegistry.BuiltIn);
        var decorated = new OpenApiV3Documents(ResourceRegistry.BuiltIn, new MergeKeyOnContainers());
        Assert.True(plain.TryGet("api/v1", out _, out var plainHash));
        Assert.True(decorated.TryGet("api/v1", out var document, out var decoratedHash));
        Assert.NotEqual(plainHash, decoratedHash);
        Assert.NotEqual(plain.Index, decorated.Index);
        using var json = JsonDocument.Parse(document);
        var containers = Schemas(json).GetProperty("io.k8s.api.core.v1.PodSpec").GetProperty("properties").GetProperty("containers");
        Assert.Equal("name", containers.GetProperty("x-kubernetes-patch-merge-key").GetString());
    }

    private static JsonDocument Document(string path)
    {
        Assert.True(OpenApiV3Documents.BuiltIn.TryGet(path, out var document, out _), path);
        return JsonDocument.Parse(document);
    }

    private static IEnumerable<string?> OneOfTypes(JsonElement schema) =>
        schema.GetProperty("oneOf").EnumerateArray().Select(t => t.GetProperty("type").GetString());

    private static JsonElement Schemas(JsonDocument document) =>
        document.RootElement.GetProperty("components").GetProperty("schemas");

    /// <summary>The schema name a property refers to, directly or through a one-element allOf.</summary>
    private static string Referenced(JsonElement property)
    {
        var target = property.TryGetProperty("allOf", out var allOf) ? Assert.Single(allOf.EnumerateArray()) : property;
        var reference = target.GetProperty("$ref").GetString()!;
        Assert.StartsWith(Prefix, reference, StringComparison.Ordinal);
        return reference[Prefix.Length..];
    }

    private sealed class MergeKeyOnContainers : IPatchMetadataSource
    {
        public void WriteSchemaExtensions(Utf8JsonWriter writer, string schemaName)
        {
        }

        public void WritePropertyExtensions(Utf8JsonWriter writer, string schemaName, string propertyName)
        {
            if (schemaName == "io.k8s.api.core.v1.PodSpec" && propertyName == "containers")
            {
                writer.WriteString("x-kubernetes-patch-merge-key", "name");
            }
        }
    }
}
