using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// Removes from an applied result the fields its applier set before but has now dropped from its configuration,
/// unless the configuration or another manager still owns them or something below them.
/// </summary>
public static class ApplyPrune
{
    /// <summary>
    /// Removes the members of <paramref name="dropped"/> from <paramref name="merged"/>, keeping any value at or
    /// above a member of <paramref name="kept"/>. The key fields of kept list items always stay; a list or map
    /// that pruning empties goes too, as the API types omit empty ones.
    /// </summary>
    public static void Prune(JsonObject merged, FieldSet dropped, FieldSet kept, PatchSchema schema) =>
        Walk(merged, dropped, kept, schema, null);

    private static void Walk(JsonNode? node, FieldSet dropped, FieldSet? kept, PatchSchema schema, IReadOnlyList<string>? itemKeys)
    {
        foreach (var (element, droppedChild) in dropped.Children)
        {
            var keptChild = kept?.Find(element);
            var remove = droppedChild.IsMember && (keptChild is null || keptChild.IsEmpty);
            if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
            {
                var name = element[2..];
                if (!obj.TryGetPropertyValue(name, out var child))
                {
                    continue;
                }
                if (remove && !(itemKeys?.Contains(name) ?? false))
                {
                    obj.Remove(name);
                }
                else
                {
                    Walk(child, droppedChild, keptChild, schema.Field(name), null);
                    if (child is JsonArray { Count: 0 } || (child is JsonObject { Count: 0 } && schema.Field(name).Kind != PatchValueKind.Object))
                    {
                        obj.Remove(name);
                    }
                }
            }
            else if (node is JsonArray list)
            {
                var shape = ValueShapes.Of(schema, list, null);
                if (shape is not (ValueShape.Set or ValueShape.KeyedList))
                {
                    continue;
                }
                var items = ListItems.Index(list, shape, schema, out _);
                var index = items?.FindIndex(i => i.Element == element) ?? -1;
                if (index < 0)
                {
                    continue;
                }
                if (remove)
                {
                    list.RemoveAt(index);
                }
                else
                {
                    Walk(list[index], droppedChild, keptChild, schema.Items,
                        shape == ValueShape.KeyedList ? schema.Facts.ListMapKeys : null);
                }
            }
        }
    }
}
