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

    /// <summary>
    /// The unknown field paths of <paramref name="obj"/> as an instance of <paramref name="modelType"/>; with
    /// <paramref name="remove"/>, also takes them out of <paramref name="obj"/>, as decoding into upstream's
    /// typed objects does when validation is not strict.
    /// </summary>
    public static List<string> Find(JsonObject obj, Type modelType, bool remove = false)
    {
        var unknown = new List<string>();
        Walk(obj, modelType, "", unknown, remove);
        return unknown;
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown, bool remove)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case JsonObject obj when MapValueType(type) is { } valueType:
                foreach (var (name, value) in obj)
                {
                    Walk(value, valueType, Join(path, name), unknown, remove);
                }
                break;
            case JsonObject obj when PropertiesOf(type) is { } properties:
                var unknownHere = new List<string>();
                foreach (var (name, value) in obj)
                {
                    if (properties.TryGetValue(name, out var propertyType))
                    {
                        Walk(value, propertyType, Join(path, name), unknown, remove);
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
            case JsonArray array when ListItemType(type) is { } itemType:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], itemType, $"{path}[{i}]", unknown, remove);
                }
                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static Type? MapValueType(Type type)
    {
        var map = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return map?.GetGenericArguments()[1];
    }

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
