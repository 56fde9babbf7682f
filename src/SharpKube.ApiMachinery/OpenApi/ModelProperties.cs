using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>The serialized properties of KubernetesClient model types, and the model types they hold.</summary>
internal static class ModelProperties
{
    /// <summary>One serialized property.</summary>
    /// <param name="Name">The wire name (<c>[JsonPropertyName]</c>).</param>
    /// <param name="Type">The CLR type.</param>
    /// <param name="Property">The CLR property.</param>
    public readonly record struct ModelProperty(string Name, Type Type, PropertyInfo Property);

    private static readonly ConcurrentDictionary<Type, ModelProperty[]> Cache = new();

    /// <summary>The serialized properties of <paramref name="modelType"/>, sorted by wire name (reflected once per type).</summary>
    public static IReadOnlyList<ModelProperty> Of(Type modelType) => Cache.GetOrAdd(modelType, Reflect);

    private static ModelProperty[] Reflect(Type modelType) =>
        modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .Select(p => new ModelProperty(p.Name!, p.Property.PropertyType, p.Property))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The model type a property of type <paramref name="type"/> holds, through nullables, lists and maps; null
    /// for scalars and the special types (quantities, int-or-strings, times).
    /// </summary>
    public static Type? ModelTypeIn(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementTypeOf(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            return ModelTypeIn(valueType);
        }
        if (ElementTypeOf(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            return ModelTypeIn(itemType);
        }
        return IsModel(type) ? type : null;
    }

    /// <summary>Whether <paramref name="type"/> is a KubernetesClient model class with properties of its own.</summary>
    public static bool IsModel(Type type) =>
        type.IsClass && type.Namespace == "k8s.Models" && !type.IsGenericType
        && type != typeof(ResourceQuantity) && type != typeof(IntOrString);

    /// <summary>The generic argument of <paramref name="genericInterface"/> that <paramref name="type"/> implements.</summary>
    public static Type? ElementTypeOf(Type type, Type genericInterface, int argument)
    {
        if (type == typeof(string) || type == typeof(byte[]))
        {
            return null;
        }
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == genericInterface
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);
        return match?.GetGenericArguments()[argument];
    }
}
