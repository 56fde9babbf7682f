using System.Text.Json;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// Adds the patch-strategy vendor extensions of schema properties (<c>x-kubernetes-patch-strategy</c>,
/// <c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-list-type</c>, <c>x-kubernetes-list-map-keys</c>, …) and of
/// whole schemas (<c>x-kubernetes-map-type</c> of atomic structs).
/// The seam through which the patch-metadata table (Patching/Metadata) decorates the generated schemas; the
/// documents are complete without one.
/// </summary>
public interface IPatchMetadataSource
{
    /// <summary>
    /// Writes the extensions of property <paramref name="propertyName"/> of the schema
    /// <paramref name="schemaName"/> (e.g. <c>io.k8s.api.core.v1.PodSpec</c>, <c>containers</c>) as properties of
    /// the property's schema object, which is open when this is called. Writes nothing for plain fields.
    /// </summary>
    void WritePropertyExtensions(Utf8JsonWriter writer, string schemaName, string propertyName);

    /// <summary>
    /// Writes the extensions of the schema <paramref name="schemaName"/> itself (e.g. <c>x-kubernetes-map-type:
    /// atomic</c> on <c>io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector</c>) into its open schema object, after
    /// its properties. Writes nothing for ordinary types.
    /// </summary>
    void WriteSchemaExtensions(Utf8JsonWriter writer, string schemaName);
}
