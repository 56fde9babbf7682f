using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.Patching.Strategic;

/// <summary>
/// The list half of strategic merge patch. Lists without the merge strategy are replaced. Merged lists of objects
/// match items by the merge key: patch items update or add, <c>$patch: delete</c> items remove, a
/// <c>{"$patch": "replace"}</c> item replaces the list with the other items. Merged lists of scalars are unions
/// minus <c>$deleteFromPrimitiveList</c>. The result is ordered by <see cref="ListOrdering"/>.
/// </summary>
internal static class StrategicListMerge
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="current"/> (owned by the caller) and returns the new list.</summary>
    public static JsonArray Merge(JsonArray? current, JsonArray patch, PatchSchema schema, JsonArray? order, JsonArray? deletions)
    {
        if (!schema.IsMergeList)
        {
            return new JsonArray(patch.Select(item => StrategicMergePatch.Normalize(item, schema.Items)).ToArray());
        }
        if (patch.Any(IsReplaceDirective))
        {
            // Other directive items (deletions) mean nothing once the list is replaced.
            return new JsonArray(patch.Where(item => !HasDirective(item))
                .Select(item => StrategicMergePatch.Normalize(item, schema.Items)).ToArray());
        }
        var items = Detach(current);
        return schema.Facts.MergeKey is { } mergeKey
            ? MergeByKey(items, patch, schema, mergeKey, order, deletions)
            : MergeScalars(items, patch, order, deletions);
    }

    private static JsonArray MergeByKey(
        List<JsonNode?> items, JsonArray patch, PatchSchema schema, string mergeKey, JsonArray? order, JsonArray? deletions)
    {
        if (deletions is not null)
        {
            throw StrategicMergePatch.Invalid($"{PatchDirectives.DeleteFromPrimitiveListPrefix} applies to lists of scalars, not to a list merged by {mergeKey}");
        }
        JsonNode? KeyOf(JsonNode? item) => item is JsonObject map && map.TryGetPropertyValue(mergeKey, out var key) ? key : null;
        var originalKeys = items.Select(KeyOf).ToList();
        var patchedKeys = new List<JsonNode?>();
        foreach (var element in patch)
        {
            if (element is not JsonObject patchItem)
            {
                throw StrategicMergePatch.Invalid($"list items merged by {mergeKey} must be objects, got {element?.ToJsonString() ?? "null"}");
            }
            var key = KeyOf(patchItem) ?? throw StrategicMergePatch.Invalid(
                $"map: {patchItem.ToJsonString()} does not contain declared merge key: {mergeKey}");
            var index = items.FindIndex(item => JsonNode.DeepEquals(KeyOf(item), key));
            var directive = StrategicMergePatch.DirectiveOf(patchItem);
            if (directive == PatchDirectives.Delete)
            {
                items.RemoveAll(item => JsonNode.DeepEquals(KeyOf(item), key));
                continue;
            }
            if (directive == PatchDirectives.Merge)
            {
                throw StrategicMergePatch.Invalid("merging lists cannot yet be specified in the patch");
            }
            if (directive is not null)
            {
                throw StrategicMergePatch.Invalid($"unknown patch type: {directive} in list item: {patchItem.ToJsonString()}");
            }
            if (index >= 0)
            {
                items[index] = StrategicMergePatch.MergeObject(items[index] as JsonObject ?? [], patchItem, schema.Items);
            }
            else
            {
                items.Add(StrategicMergePatch.MergeObject([], patchItem, schema.Items));
            }
            patchedKeys.Add(key);
        }
        var desired = order is null ? patchedKeys : order.Select(KeyOfOrderEntry(mergeKey)).ToList();
        return ListOrdering.Order(items, KeyOf, originalKeys, patchedKeys, desired);
    }

    private static JsonArray MergeScalars(List<JsonNode?> items, JsonArray patch, JsonArray? order, JsonArray? deletions)
    {
        var originalValues = items.ToList();
        if (deletions is not null)
        {
            items.RemoveAll(item => deletions.Any(d => JsonNode.DeepEquals(d, item)));
        }
        var patchedValues = new List<JsonNode?>();
        foreach (var element in patch)
        {
            if (element is JsonObject or JsonArray)
            {
                throw StrategicMergePatch.Invalid($"a list merged as a set takes scalars, got {element.ToJsonString()}");
            }
            if (!items.Any(item => JsonNode.DeepEquals(item, element)))
            {
                items.Add(element?.DeepClone());
            }
            patchedValues.Add(element);
        }
        var desired = order is null ? patchedValues : order.ToList();
        return ListOrdering.Order(items, value => value, originalValues, patchedValues, desired);
    }

    private static Func<JsonNode?, JsonNode?> KeyOfOrderEntry(string mergeKey) => entry =>
        entry is JsonObject map && map.TryGetPropertyValue(mergeKey, out var key)
            ? key
            : throw StrategicMergePatch.Invalid(
                $"{PatchDirectives.SetElementOrderPrefix} entry {entry?.ToJsonString() ?? "null"} does not contain the merge key {mergeKey}");

    private static bool HasDirective(JsonNode? item) =>
        item is JsonObject map && map.ContainsKey(PatchDirectives.Patch);

    private static bool IsReplaceDirective(JsonNode? item) =>
        item is JsonObject map && StrategicMergePatch.DirectiveOf(map) == PatchDirectives.Replace;

    /// <summary>Takes the items out of the caller's list so they can be merged in place and re-parented.</summary>
    private static List<JsonNode?> Detach(JsonArray? list)
    {
        if (list is null)
        {
            return [];
        }
        var items = list.ToList();
        list.Clear();
        return items;
    }
}
