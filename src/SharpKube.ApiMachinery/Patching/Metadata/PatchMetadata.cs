using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>
/// Patch schemas of the KubernetesClient model types, built from the models' <c>[JsonPropertyName]</c> properties
/// and the facts of <see cref="BuiltInPatchFacts"/>. Schemas are built lazily and cached; they are immutable and
/// safe to share between threads.
/// </summary>
public static class PatchMetadata
{
    private static readonly ConcurrentDictionary<(Type, FieldPatchFacts), PatchSchema> Objects = new();
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<string, Type>> Properties = new();
    private static readonly ConcurrentDictionary<(Type, string), PatchSchema> Fields = new();

    /// <summary>The schema of a whole object of model type <paramref name="modelType"/> (e.g. <c>typeof(V1Deployment)</c>).</summary>
    public static PatchSchema For(Type modelType) => SchemaOf(modelType, FieldPatchFacts.Default);

    /// <summary>The facts declared about field <paramref name="jsonName"/> of <paramref name="declaringType"/>.</summary>
    public static FieldPatchFacts FactsOf(Type declaringType, string jsonName) =>
        BuiltInPatchFacts.Fields.GetValueOrDefault((declaringType, jsonName)) ?? FieldPatchFacts.Default;

    /// <summary>Whether values of <paramref name="modelType"/> are atomic structs (<c>+structType=atomic</c>).</summary>
    public static bool IsAtomicStruct(Type modelType) => BuiltInPatchFacts.AtomicStructs.Contains(modelType);

    private static PatchSchema SchemaOf(Type type, FieldPatchFacts facts)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            return PatchSchema.Scalar(type, facts);
        }
        if (type == typeof(object))
        {
            return PatchSchema.UnknownWith(facts);
        }
        if (GenericArgument(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            return PatchSchema.Map(type, facts, () => SchemaOf(valueType, FieldPatchFacts.Default));
        }
        if (GenericArgument(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            return PatchSchema.List(type, facts, () => SchemaOf(itemType, FieldPatchFacts.Default));
        }
        if (type.IsClass && PropertiesOf(type).Count > 0)
        {
            return Objects.GetOrAdd((type, facts), static key => PatchSchema.Object(
                key.Item1, key.Item2, name => FieldOf(key.Item1, name)));
        }
        return PatchSchema.UnknownWith(facts);
    }

    private static PatchSchema FieldOf(Type declaringType, string jsonName)
    {
        if (!PropertiesOf(declaringType).TryGetValue(jsonName, out var propertyType))
        {
            // Not cached: patches may name any number of unknown fields.
            return PatchSchema.Unknown;
        }
        return Fields.GetOrAdd((declaringType, jsonName), static (key, type) =>
            SchemaOf(type, FactsOf(key.Item1, key.Item2)), propertyType);
    }

    private static FrozenDictionary<string, Type> PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .GroupBy(p => p.Name!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().PropertyType, StringComparer.Ordinal));

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(byte[])
        || type == typeof(IntOrString) || type == typeof(ResourceQuantity);

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
