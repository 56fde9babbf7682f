using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// The fields one object version added, modified and removed relative to another, field by field as server-side
/// apply tracks them: scalars and atomic values compare by value; structs, maps, sets and keyed lists compare
/// member by member, and a struct, map or item that appears or disappears is itself added or removed.
/// <c>metadata.managedFields</c> is never compared.
/// </summary>
public sealed class ObjectComparison
{
    private ObjectComparison()
    {
    }

    /// <summary>Fields present only in the newer version.</summary>
    public FieldSet Added { get; } = new();

    /// <summary>Fields present in both whose values differ.</summary>
    public FieldSet Modified { get; } = new();

    /// <summary>Fields present only in the older version.</summary>
    public FieldSet Removed { get; } = new();

    /// <summary>Whether nothing differs.</summary>
    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    /// <summary>Compares <paramref name="older"/> (null: nothing) with <paramref name="newer"/>.</summary>
    public static ObjectComparison Compare(JsonObject? older, JsonObject newer, PatchSchema schema)
    {
        var comparison = new ObjectComparison();
        comparison.Walk(older ?? [], true, newer, true, schema, []);
        return comparison;
    }

    private void Walk(JsonNode? left, bool hasLeft, JsonNode? right, bool hasRight, PatchSchema schema, List<string> path)
    {
        // Equal structs, maps and lists hold no added, modified or removed field at any depth. Most of an update
        // is unchanged (a status write leaves the spec alone), and comparing JSON is far cheaper than keying
        // every field and list item on the way down.
        if (left is JsonObject or JsonArray && right is JsonObject or JsonArray && JsonNode.DeepEquals(left, right))
        {
            return;
        }
        var shape = ValueShapes.Of(schema, hasLeft ? left : null, hasRight ? right : null);
        switch (shape)
        {
            case ValueShape.Struct or ValueShape.Map:
                var leftObject = hasLeft ? left as JsonObject : null;
                var rightObject = hasRight ? right as JsonObject : null;
                if (leftObject is not { Count: > 0 } && rightObject is not { Count: > 0 })
                {
                    Leaf(left, hasLeft, right, hasRight, path);
                    return;
                }
                var skipManagedFields = path is ["f:metadata"];
                if (leftObject is not null)
                {
                    foreach (var (name, leftChild) in leftObject)
                    {
                        if (skipManagedFields && name == "managedFields")
                        {
                            continue;
                        }
                        JsonNode? rightChild = null;
                        var hasRightChild = rightObject?.TryGetPropertyValue(name, out rightChild) ?? false;
                        Descend(leftChild, true, rightChild, hasRightChild, schema.Field(name), path, PathElement.Field(name));
                    }
                }
                if (rightObject is not null)
                {
                    foreach (var (name, rightChild) in rightObject)
                    {
                        if ((skipManagedFields && name == "managedFields") || (leftObject?.ContainsKey(name) ?? false))
                        {
                            continue;
                        }
                        Descend(null, false, rightChild, true, schema.Field(name), path, PathElement.Field(name));
                    }
                }
                Container(hasLeft, hasRight, path);
                return;
            case ValueShape.Set or ValueShape.KeyedList:
                var leftList = hasLeft ? left as JsonArray : null;
                var rightList = hasRight ? right as JsonArray : null;
                if (leftList is not { Count: > 0 } && rightList is not { Count: > 0 })
                {
                    Leaf(left, hasLeft, right, hasRight, path);
                    return;
                }
                var leftItems = leftList is null ? [] : ListItems.Index(leftList, shape, schema, out _);
                var rightItems = rightList is null ? [] : ListItems.Index(rightList, shape, schema, out _);
                if (leftItems is null || rightItems is null)
                {
                    // Duplicates or unkeyed items: the list can only be tracked whole.
                    Leaf(left, hasLeft, right, hasRight, path);
                    return;
                }
                var rightByElement = ToDictionary(rightItems);
                var leftElements = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (element, leftItem) in leftItems)
                {
                    leftElements.Add(element);
                    var hasRightItem = rightByElement.TryGetValue(element, out var rightItem);
                    Descend(leftItem, true, rightItem, hasRightItem, schema.Items, path, element);
                }
                foreach (var (element, rightItem) in rightItems)
                {
                    if (!leftElements.Contains(element))
                    {
                        Descend(null, false, rightItem, true, schema.Items, path, element);
                    }
                }
                Container(hasLeft, hasRight, path);
                return;
            default:
                Leaf(left, hasLeft, right, hasRight, path);
                return;
        }
    }

    private void Descend(JsonNode? left, bool hasLeft, JsonNode? right, bool hasRight, PatchSchema schema, List<string> path, string element)
    {
        path.Add(element);
        Walk(left, hasLeft, right, hasRight, schema, path);
        path.RemoveAt(path.Count - 1);
    }

    private void Leaf(JsonNode? left, bool hasLeft, JsonNode? right, bool hasRight, List<string> path)
    {
        if (!hasLeft)
        {
            Added.Insert(path);
        }
        else if (!hasRight)
        {
            Removed.Insert(path);
        }
        else if (!JsonNode.DeepEquals(left, right))
        {
            Modified.Insert(path);
        }
    }

    private void Container(bool hasLeft, bool hasRight, List<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }
        if (!hasLeft)
        {
            Added.Insert(path);
        }
        else if (!hasRight)
        {
            Removed.Insert(path);
        }
    }

    private static Dictionary<string, JsonNode?> ToDictionary(List<(string Element, JsonNode? Item)> items)
    {
        var byElement = new Dictionary<string, JsonNode?>(items.Count, StringComparer.Ordinal);
        foreach (var (element, item) in items)
        {
            byElement[element] = item;
        }
        return byElement;
    }
}
