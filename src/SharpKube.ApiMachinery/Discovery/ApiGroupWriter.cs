using System.Text.Json;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>Writes the legacy <c>/apis</c> APIGroupList and the <c>/apis/{group}</c> APIGroup documents.</summary>
internal static class ApiGroupWriter
{
    /// <summary>The APIGroupList of every named group (the core group is served under <c>/api</c> instead).</summary>
    public static byte[] WriteList(ResourceRegistry registry) => JsonBody.Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIGroupList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("groups");
        foreach (var group in registry.Groups.Where(g => g.Length > 0))
        {
            writer.WriteStartObject();
            WriteGroupFields(writer, registry, group);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The APIGroup document of one named group.</summary>
    public static byte[] WriteGroup(ResourceRegistry registry, string group) => JsonBody.Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIGroup");
        writer.WriteString("apiVersion", "v1");
        WriteGroupFields(writer, registry, group);
        writer.WriteEndObject();
    });

    private static void WriteGroupFields(Utf8JsonWriter writer, ResourceRegistry registry, string group)
    {
        var versions = registry.VersionsOf(group);
        writer.WriteString("name", group);
        writer.WriteStartArray("versions");
        foreach (var version in versions)
        {
            WriteGroupVersion(writer, group, version);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("preferredVersion");
        WriteGroupVersion(writer, group, versions[0]);
    }

    private static void WriteGroupVersion(Utf8JsonWriter writer, string group, string version)
    {
        writer.WriteStartObject();
        writer.WriteString("groupVersion", group + "/" + version);
        writer.WriteString("version", version);
        writer.WriteEndObject();
    }
}
