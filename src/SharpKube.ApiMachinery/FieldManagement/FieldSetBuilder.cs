using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// The fields an applied configuration sets: every scalar, every atomic value, every map key, every set and
/// keyed-list item, and every empty or null struct — what the applier comes to own.
/// </summary>
public static class FieldSetBuilder
{
    /// <summary>
    /// The field set of <paramref name="config"/>; <see cref="FieldManagementException"/> when a set or keyed list
    /// holds duplicates or items without keys.
    /// </summary>
    public static FieldSet Of(JsonObject config, PatchSchema schema)
    {
        var set = new FieldSet();
        var path = new List<string>();
        Walk(config, schema, set, path);
        return set;
    }

    private static void Walk(JsonNode? value, PatchSchema schema, FieldSet set, List<string> path)
    {
        var shape = ValueShapes.Of(schema, value, null);
        switch (shape)
        {
            case ValueShape.Struct or ValueShape.Map when value is JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    path.Add(PathElement.Field(name));
                    Walk(child, schema.Field(name), set, path);
                    if (child is null || child is JsonObject { Count: 0 } || shape == ValueShape.Map)
                    {
                        set.Insert(path);
                    }
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case ValueShape.Set or ValueShape.KeyedList when value is JsonArray list:
                var items = ListItems.Index(list, shape, schema, out var problem)
                    ?? throw new FieldManagementException(PathElement.Describe(path) + ": " + problem);
                foreach (var (element, item) in items)
                {
                    path.Add(element);
                    Walk(item, schema.Items, set, path);
                    set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case ValueShape.Struct or ValueShape.Map or ValueShape.Set or ValueShape.KeyedList:
                // JSON null: the parent records the field itself.
                break;
            default:
                set.Insert(path);
                break;
        }
    }
}
