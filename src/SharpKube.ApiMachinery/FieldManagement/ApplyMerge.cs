using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// Merges an applied configuration into a live object: the configuration's values win; structs and maps merge key
/// by key; sets and keyed lists merge item by item, shared items following the configuration's order and the live
/// object's other items keeping their places; everything else is replaced whole. A field the configuration sets
/// to null is left out of the result.
/// </summary>
public static class ApplyMerge
{
    /// <summary>
    /// Merges <paramref name="config"/> into <paramref name="live"/> (null: apply to nothing). Both are consumed:
    /// their nodes move into the result.
    /// </summary>
    public static JsonObject Merge(JsonObject? live, JsonObject config, PatchSchema schema) =>
        live is null ? (JsonObject)DropNulls(config)! : (JsonObject)MergeValue(live, config, schema, [])!;

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? config, PatchSchema schema, List<string> path)
    {
        switch (ValueShapes.Of(schema, live, config))
        {
            case ValueShape.Struct or ValueShape.Map when live is JsonObject liveObject && config is JsonObject configObject:
                foreach (var name in configObject.Select(m => m.Key).ToList())
                {
                    var configChild = Detach(configObject, name);
                    if (configChild is null)
                    {
                        liveObject.Remove(name);
                    }
                    else if (liveObject.TryGetPropertyValue(name, out var liveChild))
                    {
                        // Detached while merging, then put back in its place.
                        var index = liveObject.IndexOf(name);
                        liveObject.SetAt(index, null);
                        path.Add(PathElement.Field(name));
                        var merged = MergeValue(liveChild, configChild, schema.Field(name), path);
                        path.RemoveAt(path.Count - 1);
                        liveObject.SetAt(index, merged);
                    }
                    else
                    {
                        liveObject[name] = DropNulls(configChild);
                    }
                }
                return liveObject;
            case ValueShape.Set or ValueShape.KeyedList when live is JsonArray liveList && config is JsonArray configList:
                return MergeList(liveList, configList, schema, path);
            default:
                return DropNulls(config);
        }
    }

    private static JsonArray MergeList(JsonArray liveList, JsonArray configList, PatchSchema schema, List<string> path)
    {
        var shape = ValueShapes.Of(schema, liveList, configList);
        var configItems = ListItems.Index(configList, shape, schema, out var problem)
            ?? throw new FieldManagementException(PathElement.Describe(path) + ": " + problem);
        var liveItems = ListItems.Index(liveList, shape, schema, out _);
        if (liveItems is null)
        {
            // A live list that cannot be keyed (duplicates) is replaced by the configuration's.
            return (JsonArray)DropNulls(configList)!;
        }
        liveList.Clear();
        configList.Clear();
        var liveByElement = liveItems.ToDictionary(i => i.Element, i => i.Item, StringComparer.Ordinal);
        var configByElement = configItems.ToDictionary(i => i.Element, i => i.Item, StringComparer.Ordinal);
        var shared = new Queue<string>(configItems.Select(i => i.Element).Where(liveByElement.ContainsKey));
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < liveItems.Count || r < configItems.Count)
        {
            if (l < liveItems.Count && r < configItems.Count)
            {
                var element = liveItems[l].Element;
                if (element == configItems[r].Element)
                {
                    merged.Add(element);
                    result.Add(MergeItem(liveItems[l].Item, configItems[r].Item, schema, path, element));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }
                if (configByElement.ContainsKey(element) && nextShared is not null && nextShared != element)
                {
                    // A shared item the configuration places later: it is merged when the configuration reaches it.
                    l++;
                    continue;
                }
            }
            if (l < liveItems.Count)
            {
                var element = liveItems[l].Element;
                if (!configByElement.ContainsKey(element))
                {
                    result.Add(liveItems[l].Item);
                    l++;
                    continue;
                }
                if (merged.Contains(element))
                {
                    l++;
                    continue;
                }
            }
            if (r < configItems.Count)
            {
                var element = configItems[r].Element;
                merged.Add(element);
                var item = liveByElement.TryGetValue(element, out var liveItem)
                    ? MergeItem(liveItem, configItems[r].Item, schema, path, element)
                    : DropNulls(configItems[r].Item);
                result.Add(item);
                r++;
                if (nextShared == element)
                {
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                }
            }
        }
        return result;
    }

    private static JsonNode? MergeItem(JsonNode? live, JsonNode? config, PatchSchema schema, List<string> path, string element)
    {
        path.Add(element);
        var merged = MergeValue(live, config, schema.Items, path);
        path.RemoveAt(path.Count - 1);
        return merged;
    }

    private static JsonNode? Detach(JsonObject parent, string name)
    {
        parent.TryGetPropertyValue(name, out var value);
        parent.Remove(name);
        return value;
    }

    /// <summary>Removes null members of objects, as decoding into the API types does for optional fields.</summary>
    private static JsonNode? DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(m => m.Value is null).Select(m => m.Key).ToList())
                {
                    obj.Remove(name);
                }
                foreach (var (_, child) in obj)
                {
                    DropNulls(child);
                }
                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    DropNulls(item);
                }
                break;
        }
        return node;
    }
}
