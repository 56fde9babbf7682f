using System.Text.Json;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The <see cref="IPatchMetadataSource"/> backed by the patch-metadata table (<see cref="PatchMetadata"/>): the
/// served documents then carry the same <c>x-kubernetes-patch-*</c>, <c>x-kubernetes-list-*</c> and
/// <c>x-kubernetes-map-type</c> extensions that drive this server's strategic merge patch, so kubectl computes its
/// patches with the merge keys the server applies them with.
/// </summary>
public sealed class PatchMetadataExtensions : IPatchMetadataSource
{
    private PatchMetadataExtensions()
    {
    }

    /// <summary>The one instance; it holds no state of its own.</summary>
    public static PatchMetadataExtensions Instance { get; } = new();

    /// <inheritdoc />
    public void WritePropertyExtensions(Utf8JsonWriter writer, string schemaName, string propertyName)
    {
        if (ModelSchemaNames.TypeOf(schemaName) is { } modelType)
        {
            PatchOpenApiExtensions.Write(writer, PatchMetadata.For(modelType).Field(propertyName));
        }
    }

    /// <inheritdoc />
    public void WriteSchemaExtensions(Utf8JsonWriter writer, string schemaName)
    {
        if (ModelSchemaNames.TypeOf(schemaName) is { } modelType)
        {
            PatchOpenApiExtensions.WriteType(writer, modelType);
        }
    }
}
