using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// Finds fields of a JSON object that the kind's schema does not have, using the KubernetesClient model
/// types as the schema (their <c>JsonPropertyName</c>s). Paths are rendered like upstream's strict decoding
/// errors: <c>spec.containers[0].imagePullPolcy</c>.
/// </summary>
public static class UnknownFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>?> Schemas = new();
    private static readonly ConcurrentDictionary<Type, ModelShape> Shapes = new();

    /// <summary>
    /// The unknown field paths of <paramref name="obj"/> as an instance of <paramref name="modelType"/>; with
    /// <paramref name="remove"/>, also takes them out of <paramref name="obj"/>, as decoding into upstream's
    /// typed objects does when validation is not strict.
    /// </summary>
    /// <remarks>
    /// With <paramref name="sorted"/>, each object's members are visited in ordinal key order, the order upstream
    /// reports fields it finds after a round trip through a map (YAML bodies, patched objects).
    /// </remarks>
    public static List<string> Find(JsonObject obj, Type modelType, bool remove = false, bool sorted = false)
    {
        var unknown = new List<string>();
        if (HasAny(obj, modelType))
        {
            Walk(obj, modelType, "", unknown, remove, sorted);
        }
        return unknown;
    }

    /// <summary>
    /// Whether <paramref name="node"/> has any unknown field: the common answer, no, found without building paths,
    /// sorting members or reflecting on types more than once each.
    /// </summary>
    private static bool HasAny(JsonNode? node, Type type)
    {
        var shape = ShapeOf(type);
        switch (node)
        {
            case JsonObject obj when shape.MapValue is { } valueType:
                foreach (var (_, value) in obj)
                {
                    if (value is JsonObject or JsonArray && HasAny(value, valueType))
                    {
                        return true;
                    }
                }
                return false;
            case JsonObject obj when shape.Properties is { } properties:
                foreach (var (name, value) in obj)
                {
                    if (!properties.TryGetValue(name, out var propertyType))
                    {
                        return true;
                    }
                    if (value is JsonObject or JsonArray && HasAny(value, propertyType))
                    {
                        return true;
                    }
                }
                return false;
            case JsonArray array when shape.ListItem is { } itemType:
                foreach (var item in array)
                {
                    if (item is JsonObject or JsonArray && HasAny(item, itemType))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>What <see cref="Walk"/> and <see cref="HasAny"/> ask of a model type, worked out once per type.</summary>
    internal sealed record ModelShape(Type? MapValue, IReadOnlyDictionary<string, Type>? Properties, Type? ListItem)
    {
        public static ModelShape Of(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return new ModelShape(MapValueType(type), PropertiesOf(type), ListItemType(type));
        }
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown, bool remove, bool sorted)
    {
        var shape = ShapeOf(type);
        switch (node)
        {
            case JsonObject obj when shape.MapValue is { } valueType:
                foreach (var (name, value) in Members(obj, sorted))
                {
                    Walk(value, valueType, Join(path, name), unknown, remove, sorted);
                }
                break;
            case JsonObject obj when shape.Properties is { } properties:
                var unknownHere = new List<string>();
                foreach (var (name, value) in Members(obj, sorted))
                {
                    if (properties.TryGetValue(name, out var propertyType))
                    {
                        Walk(value, propertyType, Join(path, name), unknown, remove, sorted);
                    }
                    else
                    {
                        unknown.Add(Join(path, name));
                        unknownHere.Add(name);
                    }
                }
                if (remove)
                {
                    unknownHere.ForEach(name => obj.Remove(name));
                }
                break;
            case JsonArray array when shape.ListItem is { } itemType:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], itemType, $"{path}[{i}]", unknown, remove, sorted);
                }
                break;
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonObject obj, bool sorted) =>
        sorted ? obj.OrderBy(m => m.Key, StringComparer.Ordinal) : obj;

    /// <summary>How <paramref name="type"/> (nullable or not) holds JSON: a map, a model with properties, a list, or a leaf.</summary>
    internal static ModelShape ShapeOf(Type type) => Shapes.GetOrAdd(type, ModelShape.Of);

    /// <summary>Joins a member name to a field path (<c>spec</c> + <c>paused</c> → <c>spec.paused</c>).</summary>
    internal static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>The value type of a map type (<c>IDictionary&lt;string, T&gt;</c>); null for anything else.</summary>
    private static Type? MapValueType(Type type)
    {
        var map = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return map?.GetGenericArguments()[1];
    }

    /// <summary>The item type of a list type; null for anything else (strings and byte arrays included).</summary>
    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[]))
        {
            return null;
        }
        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }

    /// <summary>The JSON properties of a model class; null for leaf types (strings, quantities, raw objects).</summary>
    private static IReadOnlyDictionary<string, Type>? PropertiesOf(Type type) => Schemas.GetOrAdd(type, static t =>
    {
        if (!t.IsClass || t == typeof(string) || t == typeof(object) || t.Namespace != "k8s.Models")
        {
            return null;
        }
        var properties = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } json)
            {
                properties[json.Name] = property.PropertyType;
            }
        }
        // Quantities and int-or-strings are classes without JSON properties: leaves.
        return properties.Count == 0 ? null : properties;
    });
}
