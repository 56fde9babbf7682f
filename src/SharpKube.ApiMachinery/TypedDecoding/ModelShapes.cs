using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>How a KubernetesClient model type is shaped on the wire: a map, a list, or an object with properties.</summary>
internal static class ModelShapes
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>?> Properties = new();
    private static readonly ConcurrentDictionary<Type, (Type? MapValue, Type? ListItem)> Collections = new();

    /// <summary>The value type of a string-keyed dictionary type; null for anything else.</summary>
    public static Type? MapValueType(Type type) => CollectionOf(type).MapValue;

    /// <summary>The item type of a list type (not <c>string</c> or <c>byte[]</c>); null for anything else.</summary>
    public static Type? ListItemType(Type type) => CollectionOf(type).ListItem;

    /// <summary>The serialized properties of a model class by wire name; null for anything that is not one.</summary>
    public static IReadOnlyDictionary<string, Type>? PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
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
        // Quantities and int-or-strings are classes without JSON properties, handled as leaves.
        return properties.Count == 0 ? null : properties;
    });

    // Reflected once per type: every write walks these.
    private static (Type? MapValue, Type? ListItem) CollectionOf(Type type) => Collections.GetOrAdd(type, static t =>
        t == typeof(string) || t == typeof(byte[])
            ? (null, null)
            : (GenericArgument(t, typeof(IDictionary<,>), 1), GenericArgument(t, typeof(IList<>), 0)));

    private static Type? GenericArgument(Type type, Type openGeneric, int index)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == openGeneric)
        {
            return type.GetGenericArguments()[index];
        }
        var match = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);
        return match?.GetGenericArguments()[index];
    }
}
