using System.Text.Json;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Writes an aggregated discovery document (kind APIGroupDiscoveryList): every group with every version
/// (preferred first) and every resource with its subresources, in one body.
/// </summary>
internal static class AggregatedDiscoveryWriter
{
    /// <summary>The body listing the given groups of the registry.</summary>
    public static byte[] Write(ResourceRegistry registry, IEnumerable<string> groups, AggregatedDiscoveryVersion version) =>
        JsonBody.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "APIGroupDiscoveryList");
            writer.WriteString("apiVersion", version == AggregatedDiscoveryVersion.V2Beta1
                ? "apidiscovery.k8s.io/v2beta1"
                : "apidiscovery.k8s.io/v2");
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var group in groups)
            {
                WriteGroup(writer, registry, group);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteGroup(Utf8JsonWriter writer, ResourceRegistry registry, string group)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("name", group);
        writer.WriteNull("creationTimestamp");
        writer.WriteEndObject();
        writer.WriteStartArray("versions");
        foreach (var version in registry.VersionsOf(group))
        {
            writer.WriteStartObject();
            writer.WriteString("version", version);
            writer.WriteStartArray("resources");
            foreach (var resource in registry.ResourcesIn(group, version).OrderBy(r => r.Plural, StringComparer.Ordinal))
            {
                WriteResource(writer, resource);
            }
            writer.WriteEndArray();
            writer.WriteString("freshness", "Current");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter writer, ResourceDefinition resource)
    {
        writer.WriteStartObject();
        writer.WriteString("resource", resource.Plural);
        // Like upstream, responseKind leaves group and version empty when they are the resource's own.
        WriteKind(writer, "", "", resource.Kind);
        writer.WriteString("scope", resource.Namespaced ? "Namespaced" : "Cluster");
        writer.WriteString("singularResource", resource.Singular);
        JsonBody.WriteStringArray(writer, "verbs", resource.Verbs);
        if (resource.ShortNames.Count > 0)
        {
            JsonBody.WriteStringArray(writer, "shortNames", resource.ShortNames);
        }
        if (resource.Categories.Count > 0)
        {
            JsonBody.WriteStringArray(writer, "categories", resource.Categories);
        }
        if (resource.Subresources.Count > 0)
        {
            writer.WriteStartArray("subresources");
            foreach (var subresource in resource.Subresources.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("subresource", subresource.Name);
                var foreign = subresource.Group is not null || subresource.Version is not null;
                WriteKind(
                    writer,
                    foreign ? subresource.Group ?? resource.Group : "",
                    foreign ? subresource.Version ?? resource.Version : "",
                    subresource.Kind);
                JsonBody.WriteStringArray(writer, "verbs", subresource.Verbs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter writer, string group, string version, string kind)
    {
        writer.WriteStartObject("responseKind");
        writer.WriteString("group", group);
        writer.WriteString("version", version);
        writer.WriteString("kind", kind);
        writer.WriteEndObject();
    }
}
