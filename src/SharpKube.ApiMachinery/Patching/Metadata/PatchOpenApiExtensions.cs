using System.Text.Json;

namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>
/// Writes the patch facts of a field as the OpenAPI vendor extensions upstream publishes
/// (<c>x-kubernetes-patch-strategy</c>, <c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-list-type</c>,
/// <c>x-kubernetes-list-map-keys</c>, <c>x-kubernetes-map-type</c>), so the documents served to kubectl come from
/// the same table that drives strategic merge patch and server-side apply.
/// </summary>
public static class PatchOpenApiExtensions
{
    /// <summary>
    /// Writes the extensions of <paramref name="field"/> as properties of the schema object being written: those a
    /// parent type declares about one of its fields (strategy, merge key, list type and keys, <c>+mapType</c>).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, PatchSchema field)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(field);
        var facts = field.Facts;
        if (facts.Strategy != PatchStrategy.None)
        {
            writer.WriteString("x-kubernetes-patch-strategy", StrategyText(facts.Strategy));
        }
        if (facts.MergeKey is { } mergeKey)
        {
            writer.WriteString("x-kubernetes-patch-merge-key", mergeKey);
        }
        if (field.Kind == PatchValueKind.List && (facts.ListType != PatchListType.Atomic || facts.Strategy != PatchStrategy.None))
        {
            writer.WriteString("x-kubernetes-list-type", facts.ListType.ToString().ToLowerInvariant());
            if (facts.ListType == PatchListType.Map && facts.ListMapKeys is { } keys)
            {
                writer.WriteStartArray("x-kubernetes-list-map-keys");
                foreach (var key in keys)
                {
                    writer.WriteStringValue(key);
                }
                writer.WriteEndArray();
            }
        }
        if (facts.AtomicMap)
        {
            writer.WriteString("x-kubernetes-map-type", "atomic");
        }
    }

    /// <summary>
    /// Writes the extensions of the model type <paramref name="modelType"/> itself as properties of its schema
    /// object: <c>x-kubernetes-map-type: atomic</c> for a <c>+structType=atomic</c> struct. As upstream, that marker
    /// sits on the type's schema, not on the properties that refer to it.
    /// </summary>
    public static void WriteType(Utf8JsonWriter writer, Type modelType)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(modelType);
        if (PatchMetadata.IsAtomicStruct(modelType))
        {
            writer.WriteString("x-kubernetes-map-type", "atomic");
        }
    }

    private static string StrategyText(PatchStrategy strategy) => strategy switch
    {
        PatchStrategy.Merge => "merge",
        PatchStrategy.RetainKeys => "retainKeys",
        _ => "merge,retainKeys",
    };
}
