using System.Text.Json;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Writes the legacy APIResourceList of one group/version (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>):
/// resources and their subresources as separate entries (<c>pods/status</c>), sorted by name as upstream
/// sorts its storage paths.
/// </summary>
internal static class ApiResourceListWriter
{
    /// <summary>The body for the given group/version's resources.</summary>
    public static byte[] Write(string group, string version, IReadOnlyList<ResourceDefinition> resources) =>
        JsonBody.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "APIResourceList");
            // Upstream's core list carries no apiVersion; the named groups' lists do.
            if (group.Length > 0)
            {
                writer.WriteString("apiVersion", "v1");
            }
            writer.WriteString("groupVersion", group.Length == 0 ? version : group + "/" + version);
            writer.WriteStartArray("resources");
            foreach (var entry in Entries(resources))
            {
                entry(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static IEnumerable<Action<Utf8JsonWriter>> Entries(IReadOnlyList<ResourceDefinition> resources)
    {
        var entries = new List<(string Name, Action<Utf8JsonWriter> Write)>();
        foreach (var resource in resources)
        {
            entries.Add((resource.Plural, writer => WriteResource(writer, resource)));
            foreach (var subresource in resource.Subresources)
            {
                entries.Add((resource.Plural + "/" + subresource.Name, writer => WriteSubresource(writer, resource, subresource)));
            }
        }
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Write);
    }

    private static void WriteResource(Utf8JsonWriter writer, ResourceDefinition resource)
    {
        writer.WriteStartObject();
        writer.WriteString("name", resource.Plural);
        writer.WriteString("singularName", resource.Singular);
        writer.WriteBoolean("namespaced", resource.Namespaced);
        writer.WriteString("kind", resource.Kind);
        JsonBody.WriteStringArray(writer, "verbs", resource.Verbs);
        if (resource.ShortNames.Count > 0)
        {
            JsonBody.WriteStringArray(writer, "shortNames", resource.ShortNames);
        }
        if (resource.Categories.Count > 0)
        {
            JsonBody.WriteStringArray(writer, "categories", resource.Categories);
        }
        if (StorageVersionHash.For(resource) is { } hash)
        {
            writer.WriteString("storageVersionHash", hash);
        }
        writer.WriteEndObject();
    }

    private static void WriteSubresource(Utf8JsonWriter writer, ResourceDefinition resource, SubresourceDefinition subresource)
    {
        writer.WriteStartObject();
        writer.WriteString("name", resource.Plural + "/" + subresource.Name);
        writer.WriteString("singularName", "");
        writer.WriteBoolean("namespaced", resource.Namespaced);
        // kubectl drain only evicts when pods/eviction names policy/v1 here; otherwise it deletes.
        if (subresource.Group is not null || subresource.Version is not null)
        {
            writer.WriteString("group", subresource.Group ?? resource.Group);
            writer.WriteString("version", subresource.Version ?? resource.Version);
        }
        writer.WriteString("kind", subresource.Kind);
        JsonBody.WriteStringArray(writer, "verbs", subresource.Verbs);
        writer.WriteEndObject();
    }
}
