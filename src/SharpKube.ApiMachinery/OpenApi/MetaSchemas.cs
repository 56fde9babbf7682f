using System.Text.Json;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>The meta.k8s.io/v1 schemas every group/version document refers to.</summary>
internal static class MetaSchemas
{
    /// <summary>Defines ObjectMeta, ListMeta, Patch, DeleteOptions and Status.</summary>
    public static void DefineAll(ComponentSchemas schemas, ModelSchemaWriter models)
    {
        models.DefineModel(typeof(V1ObjectMeta));
        models.DefineModel(typeof(V1ListMeta));
        models.DefineModel(typeof(V1DeleteOptions));
        models.DefineModel(typeof(V1Status));
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
