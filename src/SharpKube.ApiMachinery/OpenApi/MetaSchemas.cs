using System.Text.Json;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>The meta.k8s.io/v1 schemas every group/version document refers to.</summary>
internal static class MetaSchemas
{
    /// <summary>Defines ObjectMeta, ListMeta, Patch, DeleteOptions and Status.</summary>
    public static void DefineAll(ComponentSchemas schemas)
    {
        schemas.Define(OpenApiSchemaNames.ObjectMeta, w => ModelSchemaWriter.Write(w, typeof(V1ObjectMeta), kind: null));
        schemas.Define(OpenApiSchemaNames.ListMeta, w => ModelSchemaWriter.Write(w, typeof(V1ListMeta), kind: null));
        schemas.Define(OpenApiSchemaNames.DeleteOptions, w => ModelSchemaWriter.Write(w, typeof(V1DeleteOptions), kind: null));
        schemas.Define(OpenApiSchemaNames.Status, w => ModelSchemaWriter.Write(w, typeof(V1Status), kind: null));
        schemas.Define(OpenApiSchemaNames.Patch, WritePatch);
    }

    private static void WritePatch(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("description", "The body of a PATCH request, in the format its Content-Type names.");
        writer.WriteString("type", "object");
        writer.WriteEndObject();
    }
}
