using System.Text.Json;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// Writes the OpenAPI 3.0 document of one group/version (<c>/openapi/v3/apis/apps/v1</c>): the paths of its
/// resources and the component schemas of their kinds, list kinds and subresource kinds.
/// </summary>
internal static class GroupVersionDocumentWriter
{
    /// <summary>The document of <paramref name="group"/>/<paramref name="version"/>.</summary>
    public static byte[] Write(
        ResourceRegistry registry, string group, string version, string kubernetesVersion, IPatchMetadataSource? patchMetadata)
    {
        var prefix = group.Length == 0 ? "/api/" + version : "/apis/" + group + "/" + version;
        var resources = registry.ResourcesIn(group, version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToArray();
        var paths = resources.SelectMany(r => ResourcePaths.For(prefix, r))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToArray();
        var schemas = new ComponentSchemas();
        var models = new ModelSchemaWriter(schemas, patchMetadata);
        foreach (var resource in resources)
        {
            DefineSchemas(schemas, models, resource);
        }
        MetaSchemas.DefineAll(schemas, models);

        return JsonBody.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", "3.0.0");
            writer.WriteStartObject("info");
            writer.WriteString("title", "Kubernetes");
            writer.WriteString("version", kubernetesVersion);
            writer.WriteEndObject();
            writer.WriteStartObject("paths");
            foreach (var path in paths)
            {
                PathItemWriter.Write(writer, path);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("components");
            writer.WriteStartObject("schemas");
            schemas.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void DefineSchemas(ComponentSchemas schemas, ModelSchemaWriter models, ResourceDefinition resource)
    {
        var kind = new GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        var modelType = resource.ModelType ?? KubernetesModelCatalog.Find(kind.Group, kind.Version, kind.Kind);
        models.DefineKind(OpenApiSchemaNames.ForKind(kind), modelType, kind);
        if (resource.Verbs.Contains("list"))
        {
            var listKind = kind with { Kind = resource.ListKind };
            var listType = KubernetesModelCatalog.Find(listKind.Group, listKind.Version, listKind.Kind);
            if (listType is not null)
            {
                models.DefineKind(OpenApiSchemaNames.ForKind(listKind), listType, listKind);
            }
            else
            {
                schemas.Define(OpenApiSchemaNames.ForKind(listKind), w => WriteList(w, kind, listKind));
            }
        }
        foreach (var subresource in resource.Subresources.Where(ResourcePaths.IsObjectShaped))
        {
            var subresourceKind = ResourcePaths.KindOf(resource, subresource);
            var subresourceType = KubernetesModelCatalog.Find(subresourceKind.Group, subresourceKind.Version, subresourceKind.Kind);
            models.DefineKind(OpenApiSchemaNames.ForKind(subresourceKind), subresourceType, subresourceKind);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, GroupVersionKind itemKind, GroupVersionKind listKind)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("items");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("apiVersion");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteStartObject("items");
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("$ref", ComponentSchemas.Reference(OpenApiSchemaNames.ForKind(itemKind)));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("kind");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("$ref", ComponentSchemas.Reference(OpenApiSchemaNames.ListMeta));
        writer.WriteEndObject();
        writer.WriteEndObject();
        ModelSchemaWriter.WriteGroupVersionKinds(writer, [listKind]);
        writer.WriteEndObject();
    }
}
