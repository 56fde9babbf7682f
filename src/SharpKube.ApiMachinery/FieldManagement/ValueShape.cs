using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>How server-side apply treats one value, from the patch-metadata table and, where it is silent, the JSON.</summary>
internal enum ValueShape
{
    /// <summary>Owned and replaced whole: scalars, atomic structs, maps and lists.</summary>
    Atomic,

    /// <summary>A struct: declared fields owned one by one.</summary>
    Struct,

    /// <summary>A map: keys owned one by one.</summary>
    Map,

    /// <summary>A list of unique scalars (<c>x-kubernetes-list-type: set</c>): items owned one by one.</summary>
    Set,

    /// <summary>A list of objects keyed by <c>x-kubernetes-list-map-keys</c>: items owned one by one.</summary>
    KeyedList,
}

/// <summary>Works out the <see cref="ValueShape"/> of values.</summary>
internal static class ValueShapes
{
    /// <summary>
    /// The shape of a value described by <paramref name="schema"/>, given the values on either side (a side that is
    /// absent or JSON null says nothing). A value whose JSON contradicts the schema is atomic.
    /// </summary>
    public static ValueShape Of(PatchSchema schema, JsonNode? left, JsonNode? right)
    {
        var shape = schema.Kind switch
        {
            PatchValueKind.Object => IsAtomicStruct(schema) ? ValueShape.Atomic : ValueShape.Struct,
            PatchValueKind.Map => schema.Facts.AtomicMap ? ValueShape.Atomic : ValueShape.Map,
            PatchValueKind.List => schema.Facts.ListType switch
            {
                PatchListType.Set => ValueShape.Set,
                PatchListType.Map when schema.Facts.ListMapKeys is { Count: > 0 } => ValueShape.KeyedList,
                _ => ValueShape.Atomic,
            },
            PatchValueKind.Scalar => ValueShape.Atomic,
            // Nothing declared: objects are granular maps, lists atomic.
            _ => left is JsonObject || right is JsonObject ? ValueShape.Map : ValueShape.Atomic,
        };
        return shape switch
        {
            ValueShape.Struct or ValueShape.Map when !Fits<JsonObject>(left) || !Fits<JsonObject>(right) => ValueShape.Atomic,
            ValueShape.Set or ValueShape.KeyedList when !Fits<JsonArray>(left) || !Fits<JsonArray>(right) => ValueShape.Atomic,
            _ => shape,
        };
    }

    private static bool Fits<T>(JsonNode? node) where T : JsonNode => node is null or T;

    private static bool IsAtomicStruct(PatchSchema schema) =>
        schema.Facts.AtomicMap || (schema.ModelType is { } type && PatchMetadata.IsAtomicStruct(type));
}
