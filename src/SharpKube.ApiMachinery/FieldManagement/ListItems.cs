using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>Names the items of sets and keyed lists by their path elements.</summary>
internal static class ListItems
{
    /// <summary>
    /// The path element of each item, in list order; null when the list cannot be told apart item by item (an item
    /// missing every key, a duplicate, an item of the wrong type). <paramref name="problem"/> then says why.
    /// </summary>
    public static List<(string Element, JsonNode? Item)>? Index(JsonArray list, ValueShape shape, PatchSchema schema, out string? problem)
    {
        var items = new List<(string, JsonNode?)>(list.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        problem = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var element = shape == ValueShape.Set ? SetElement(item) : KeyElement(item, schema.Facts.ListMapKeys!);
            if (element is null)
            {
                problem = shape == ValueShape.Set
                    ? $"element {i}: sets may only hold scalars"
                    : $"element {i}: associative list with keys has an element that omits all key fields [{string.Join(", ", schema.Facts.ListMapKeys!.Select(k => $"\"{k}\""))}]";
                return null;
            }
            if (!seen.Add(element))
            {
                problem = $"duplicate entries for key {PathElement.Describe(element)}";
                return null;
            }
            items.Add((element, item));
        }
        return items;
    }

    private static string? SetElement(JsonNode? item) => item is JsonObject or JsonArray ? null : PathElement.Value(item);

    private static string? KeyElement(JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject obj)
        {
            return null;
        }
        var fields = new List<KeyValuePair<string, JsonNode?>>(keys.Count);
        foreach (var key in keys)
        {
            if (obj.TryGetPropertyValue(key, out var value) && value is not null)
            {
                fields.Add(new(key, value));
            }
            else if (DefaultOf(key) is { } defaulted)
            {
                fields.Add(new(key, defaulted));
            }
        }
        return fields.Count == 0 ? null : PathElement.Key(fields);
    }

    /// <summary>Key fields with a declared default: the protocol of container and service ports.</summary>
    private static JsonNode? DefaultOf(string key) => key == "protocol" ? JsonValue.Create("TCP") : null;
}
