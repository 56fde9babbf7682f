using System.Text.Json;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>The Kubernetes vendor extensions of OpenAPI documents.</summary>
internal static class OpenApiExtensions
{
    /// <summary>The kind an operation or schema is about (an object on operations, a list on schemas).</summary>
    public const string GroupVersionKind = "x-kubernetes-group-version-kind";

    /// <summary>The Kubernetes verb of an operation: get, list, post, put, patch, delete, deletecollection.</summary>
    public const string Action = "x-kubernetes-action";

    /// <summary>Writes <c>{"group":…,"kind":…,"version":…}</c> as the next value.</summary>
    public static void WriteGroupVersionKindObject(Utf8JsonWriter writer, GroupVersionKind kind)
    {
        writer.WriteStartObject();
        writer.WriteString("group", kind.Group);
        writer.WriteString("kind", kind.Kind);
        writer.WriteString("version", kind.Version);
        writer.WriteEndObject();
    }
}
