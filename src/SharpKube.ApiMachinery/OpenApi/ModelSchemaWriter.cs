using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// Writes the schema of a KubernetesClient model type: an object with its top-level properties named as on the
/// wire (from <c>[JsonPropertyName]</c>), <c>metadata</c> referring to ObjectMeta/ListMeta.
/// </summary>
/// <remarks>
/// Nested model types are written as plain <c>{"type":"object"}</c>. Complete schemas (nested definitions,
/// descriptions, patch strategies and list-map keys) extend <see cref="WritePropertyType"/> to define and
/// reference component schemas for nested types.
/// </remarks>
internal static class ModelSchemaWriter
{
    /// <summary>
    /// Writes the schema of <paramref name="modelType"/>, or, when the kind has no model type, of an object with
    /// only apiVersion, kind and metadata. <paramref name="kind"/>, when given, is announced as the schema's
    /// <c>x-kubernetes-group-version-kind</c> so clients can find the schema of a kind.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Type? modelType, GroupVersionKind? kind)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        if (modelType is null)
        {
            WriteString(writer, "apiVersion");
            WriteString(writer, "kind");
            writer.WriteStartObject("metadata");
            writer.WriteString("$ref", ComponentSchemas.Reference(OpenApiSchemaNames.ObjectMeta));
            writer.WriteEndObject();
        }
        else
        {
            foreach (var (name, type) in WireProperties(modelType))
            {
                writer.WritePropertyName(name);
                WritePropertyType(writer, type);
            }
        }
        writer.WriteEndObject();
        if (kind is { } gvk)
        {
            WriteGroupVersionKinds(writer, [gvk]);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>x-kubernetes-group-version-kind</c> list of a schema.</summary>
    public static void WriteGroupVersionKinds(Utf8JsonWriter writer, IEnumerable<GroupVersionKind> kinds)
    {
        writer.WriteStartArray(OpenApiExtensions.GroupVersionKind);
        foreach (var kind in kinds)
        {
            OpenApiExtensions.WriteGroupVersionKindObject(writer, kind);
        }
        writer.WriteEndArray();
    }

    /// <summary>The schema of one property's value.</summary>
    private static void WritePropertyType(Utf8JsonWriter writer, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(V1ObjectMeta) || type == typeof(V1ListMeta))
        {
            var name = type == typeof(V1ObjectMeta) ? OpenApiSchemaNames.ObjectMeta : OpenApiSchemaNames.ListMeta;
            writer.WriteStartObject();
            writer.WriteString("$ref", ComponentSchemas.Reference(name));
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject();
        if (type == typeof(string) || type == typeof(ResourceQuantity))
        {
            writer.WriteString("type", "string");
        }
        else if (type == typeof(bool))
        {
            writer.WriteString("type", "boolean");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            writer.WriteString("type", "integer");
            writer.WriteString("format", type == typeof(int) ? "int32" : "int64");
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            writer.WriteString("type", "number");
            writer.WriteString("format", "double");
        }
        else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            writer.WriteString("type", "string");
            writer.WriteString("format", "date-time");
        }
        else if (type == typeof(byte[]))
        {
            writer.WriteString("type", "string");
            writer.WriteString("format", "byte");
        }
        else if (type == typeof(IntOrString))
        {
            writer.WriteBoolean("x-kubernetes-int-or-string", true);
        }
        else if (ElementTypeOf(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            writer.WriteString("type", "object");
            writer.WritePropertyName("additionalProperties");
            WritePropertyType(writer, valueType);
        }
        else if (ElementTypeOf(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            writer.WriteString("type", "array");
            writer.WritePropertyName("items");
            WritePropertyType(writer, itemType);
        }
        else
        {
            writer.WriteString("type", "object");
        }
        writer.WriteEndObject();
    }

    /// <summary>The (wire name, CLR type) of each serialized property, sorted by wire name.</summary>
    private static IEnumerable<(string Name, Type Type)> WireProperties(Type modelType) =>
        modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.PropertyType))
            .OrderBy(p => p.Item1, StringComparer.Ordinal);

    private static Type? ElementTypeOf(Type type, Type genericInterface, int argument)
    {
        if (type == typeof(string))
        {
            return null;
        }
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == genericInterface
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);
        return match?.GetGenericArguments()[argument];
    }

    private static void WriteString(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "string");
        writer.WriteEndObject();
    }
}
