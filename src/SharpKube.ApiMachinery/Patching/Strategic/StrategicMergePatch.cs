using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.Patching.Strategic;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) as the Kubernetes API server applies it:
/// objects merge recursively; <c>null</c> deletes a field; lists whose schema declares <c>patchStrategy: merge</c>
/// merge by their merge key (or as a union of scalars); other lists replace. Directives: <c>$patch</c>
/// (<c>replace</c>/<c>merge</c>/<c>delete</c>), <c>$retainKeys</c>, <c>$setElementOrder/&lt;field&gt;</c> and
/// <c>$deleteFromPrimitiveList/&lt;field&gt;</c>. Directive misuse throws a 400 <see cref="StatusException"/>.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> (a JSON object) to <paramref name="original"/> using <paramref name="schema"/>
    /// (e.g. <see cref="PatchMetadata.For(Type)"/> of the resource's model type) and returns a new tree; the inputs
    /// are not modified.
    /// </summary>
    /// <exception cref="StatusException">400 BadRequest when the patch is not an object or misuses a directive.</exception>
    public static JsonNode Apply(JsonNode original, JsonNode patch, PatchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (patch is not JsonObject patchObject)
        {
            throw Invalid("a strategic merge patch must be a JSON object");
        }
        var target = original is JsonObject originalObject ? (JsonObject)originalObject.DeepClone() : [];
        return MergeObject(target, patchObject, schema);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/>, which it owns and may change in place.</summary>
    internal static JsonObject MergeObject(JsonObject target, JsonObject patch, PatchSchema schema)
    {
        switch (DirectiveOf(patch))
        {
            case PatchDirectives.Replace:
                return MergeObject([], WithoutPatchDirective(patch), schema);
            case PatchDirectives.Delete:
                return [];
            case null or PatchDirectives.Merge:
                break;
            case var other:
                throw Invalid($"unknown patch type: {other} in map: {patch.ToJsonString()}");
        }
        ApplyRetainKeys(target, patch);
        foreach (var field in FieldsTouchedBy(patch))
        {
            MergeField(target, patch, field, schema.Field(field));
        }
        return target;
    }

    /// <summary>Merges a list-item or new value against nothing, which interprets directives and drops <c>null</c>s.</summary>
    internal static JsonNode? Normalize(JsonNode? value, PatchSchema schema) => value switch
    {
        JsonObject patchObject => MergeObject([], patchObject, schema),
        JsonArray patchArray => StrategicListMerge.Merge(null, patchArray, schema, null, null),
        _ => value?.DeepClone(),
    };

    /// <summary>The <c>$patch</c> value of a map, or null when it has none.</summary>
    internal static string? DirectiveOf(JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(PatchDirectives.Patch, out var value))
        {
            return null;
        }
        return value is JsonValue text && text.TryGetValue<string>(out var directive)
            ? directive
            : throw Invalid($"the {PatchDirectives.Patch} directive must be a string, got {value?.ToJsonString() ?? "null"}");
    }

    /// <summary>A 400 BadRequest naming the strategic merge patch problem.</summary>
    internal static StatusException Invalid(string message) =>
        StatusErrors.BadRequest($"invalid strategic merge patch: {message}");

    private static void MergeField(JsonObject target, JsonObject patch, string field, PatchSchema fieldSchema)
    {
        var inPatch = patch.TryGetPropertyValue(field, out var patchValue);
        if (inPatch && patchValue is null)
        {
            target.Remove(field);
            return;
        }
        target.TryGetPropertyValue(field, out var current);
        var order = DirectiveList(patch, PatchDirectives.SetElementOrderPrefix + field);
        var deletions = DirectiveList(patch, PatchDirectives.DeleteFromPrimitiveListPrefix + field);
        JsonNode? merged;
        if (!inPatch)
        {
            // Only ordering or deletion directives name this list; they mean nothing for an atomic list.
            if (current is not JsonArray currentList || !fieldSchema.IsMergeList)
            {
                return;
            }
            merged = StrategicListMerge.Merge(currentList, [], fieldSchema, order, deletions);
        }
        else if (patchValue is JsonArray patchList && current is null or JsonArray)
        {
            merged = StrategicListMerge.Merge(current as JsonArray, patchList, fieldSchema, order, deletions);
        }
        else if (patchValue is JsonObject patchMap && current is JsonObject currentMap)
        {
            merged = MergeObject(currentMap, patchMap, fieldSchema);
        }
        else
        {
            merged = Normalize(patchValue, fieldSchema);
        }
        // Assigning an existing key keeps its position, so untouched fields stay where they were.
        if (!ReferenceEquals(merged, current))
        {
            target[field] = merged;
        }
    }

    private static IEnumerable<string> FieldsTouchedBy(JsonObject patch)
    {
        var fields = new List<string>();
        foreach (var (key, _) in patch)
        {
            var field = key.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal)
                ? key[PatchDirectives.SetElementOrderPrefix.Length..]
                : key.StartsWith(PatchDirectives.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                    ? key[PatchDirectives.DeleteFromPrimitiveListPrefix.Length..]
                    : key;
            if (PatchDirectives.IsDirective(field))
            {
                if (field is not (PatchDirectives.Patch or PatchDirectives.RetainKeys))
                {
                    throw Invalid($"unknown directive {key}");
                }
                continue;
            }
            if (!fields.Contains(field, StringComparer.Ordinal))
            {
                fields.Add(field);
            }
        }
        return fields;
    }

    private static JsonArray? DirectiveList(JsonObject patch, string key)
    {
        if (!patch.TryGetPropertyValue(key, out var value))
        {
            return null;
        }
        return value as JsonArray ?? throw Invalid($"{key} must be a list, got {value?.ToJsonString() ?? "null"}");
    }

    private static void ApplyRetainKeys(JsonObject target, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(PatchDirectives.RetainKeys, out var value))
        {
            return;
        }
        if (value is not JsonArray keys || keys.Any(k => k is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            throw Invalid($"{PatchDirectives.RetainKeys} must be a list of strings, got {value?.ToJsonString() ?? "null"}");
        }
        var retained = keys.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, patchValue) in patch)
        {
            if (!PatchDirectives.IsDirective(key) && patchValue is not null && !retained.Contains(key))
            {
                throw Invalid($"the key {key} in the patch is not in the {PatchDirectives.RetainKeys} list {keys.ToJsonString()}");
            }
        }
        foreach (var key in target.Select(p => p.Key).Where(k => !retained.Contains(k)).ToList())
        {
            target.Remove(key);
        }
    }

    private static JsonObject WithoutPatchDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(PatchDirectives.Patch);
        return copy;
    }
}
