using System.Reflection;
using System.Text.Json;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// Defines the component schemas of KubernetesClient model types, and of every model type they refer to, under
/// upstream's names (<see cref="ModelSchemaNames"/>): objects with their properties named as on the wire,
/// descriptions from the package documentation, <c>required</c> lists, nested model types referred to through
/// <c>allOf</c> (an OpenAPI 3.0 <c>$ref</c> takes no sibling description), lists with <c>items</c> and maps with
/// <c>additionalProperties</c>. An optional <see cref="IPatchMetadataSource"/> adds the patch extensions.
/// </summary>
internal sealed class ModelSchemaWriter
{
    private readonly ComponentSchemas _schemas;
    private readonly IPatchMetadataSource? _patchMetadata;
    private readonly ModelDocumentation _documentation = ModelDocumentation.Shared;

    /// <summary>A writer defining into <paramref name="schemas"/>.</summary>
    public ModelSchemaWriter(ComponentSchemas schemas, IPatchMetadataSource? patchMetadata)
    {
        _schemas = schemas;
        _patchMetadata = patchMetadata;
    }

    /// <summary>
    /// Defines the schema of a kind under <paramref name="name"/>: the model type's schema announcing
    /// <paramref name="kind"/>, or, without a model type, an object with only apiVersion, kind and metadata.
    /// </summary>
    public void DefineKind(string name, Type? modelType, GroupVersionKind kind)
    {
        if (modelType is not null && ModelSchemaNames.Of(modelType) == name)
        {
            DefineModel(modelType);
            return;
        }
        if (modelType is not null && _schemas.Define(name, w => WriteObject(w, name, modelType, [kind])))
        {
            DefineReferencedBy(modelType);
            return;
        }
        if (_schemas.Define(name, w => WriteBareKind(w, kind)))
        {
            DefineModel(typeof(V1ObjectMeta));
        }
    }

    /// <summary>Defines the schema of <paramref name="modelType"/> and of the model types it refers to; returns its name.</summary>
    public string DefineModel(Type modelType)
    {
        var name = ModelSchemaNames.Of(modelType) ?? throw new ArgumentException($"{modelType} has no upstream schema name.", nameof(modelType));
        var kinds = modelType.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity
            ? new[] { new GroupVersionKind(entity.Group ?? "", entity.ApiVersion, entity.Kind) }
            : [];
        if (_schemas.Define(name, w => WriteObject(w, name, modelType, kinds)))
        {
            DefineReferencedBy(modelType);
        }
        return name;
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

    private void DefineReferencedBy(Type modelType)
    {
        foreach (var property in ModelProperties.Of(modelType))
        {
            var element = ElementOf(property.Type);
            if (SpecialSchemas.For(modelType, property.Name, element) is { } special)
            {
                SpecialSchemas.Define(_schemas, special);
            }
            else if (ModelProperties.IsModel(element) && ModelSchemaNames.Of(element) is not null)
            {
                DefineModel(element);
            }
        }
    }

    private void WriteObject(Utf8JsonWriter writer, string name, Type modelType, IReadOnlyCollection<GroupVersionKind> kinds)
    {
        writer.WriteStartObject();
        if (_documentation.OfType(modelType) is { } description)
        {
            writer.WriteString("description", description);
        }
        writer.WriteString("type", "object");
        var required = ModelRequiredFields.Of(modelType);
        if (required.Count > 0)
        {
            writer.WriteStartArray("required");
            foreach (var field in required)
            {
                writer.WriteStringValue(field);
            }
            writer.WriteEndArray();
        }
        writer.WriteStartObject("properties");
        foreach (var property in ModelProperties.Of(modelType))
        {
            writer.WriteStartObject(property.Name);
            if (_documentation.OfProperty(modelType, property.Property.Name) is { } propertyDescription)
            {
                writer.WriteString("description", propertyDescription);
            }
            WriteTypeMembers(writer, modelType, property.Name, property.Type, wrapReference: true);
            _patchMetadata?.WritePropertyExtensions(writer, name, property.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        if (kinds.Count > 0)
        {
            WriteGroupVersionKinds(writer, kinds);
        }
        _patchMetadata?.WriteSchemaExtensions(writer, name);
        writer.WriteEndObject();
    }

    /// <summary>Writes the type members of a value's schema into the open schema object.</summary>
    private static void WriteTypeMembers(Utf8JsonWriter writer, Type owner, string wireName, Type type, bool wrapReference)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var reference = SpecialSchemas.For(owner, wireName, type) ?? (ModelProperties.IsModel(type) ? ModelSchemaNames.Of(type) : null);
        if (reference is not null)
        {
            WriteReference(writer, reference, wrapReference);
        }
        else if (type == typeof(string))
        {
            writer.WriteString("type", "string");
        }
        else if (type == typeof(bool))
        {
            writer.WriteString("type", "boolean");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            writer.WriteString("format", type == typeof(int) ? "int32" : "int64");
            writer.WriteString("type", "integer");
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            writer.WriteString("format", "double");
            writer.WriteString("type", "number");
        }
        else if (type == typeof(byte[]))
        {
            writer.WriteString("format", "byte");
            writer.WriteString("type", "string");
        }
        else if (ModelProperties.ElementTypeOf(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            WriteNested(writer, "object", "additionalProperties", owner, wireName, valueType);
        }
        else if (ModelProperties.ElementTypeOf(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            WriteNested(writer, "array", "items", owner, wireName, itemType);
        }
        else
        {
            writer.WriteString("type", "object");
        }
    }

    private static void WriteNested(Utf8JsonWriter writer, string type, string member, Type owner, string wireName, Type element)
    {
        writer.WriteStartObject(member);
        WriteTypeMembers(writer, owner, wireName, element, wrapReference: false);
        writer.WriteEndObject();
        writer.WriteString("type", type);
    }

    private static void WriteReference(Utf8JsonWriter writer, string name, bool wrap)
    {
        if (!wrap)
        {
            writer.WriteString("$ref", ComponentSchemas.Reference(name));
            return;
        }
        writer.WriteStartArray("allOf");
        writer.WriteStartObject();
        writer.WriteString("$ref", ComponentSchemas.Reference(name));
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteBareKind(Utf8JsonWriter writer, GroupVersionKind kind)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            writer.WriteStartObject(field);
            writer.WriteString("type", "string");
            writer.WriteEndObject();
        }
        writer.WriteStartObject("metadata");
        WriteReference(writer, OpenApiSchemaNames.ObjectMeta, wrap: true);
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteGroupVersionKinds(writer, [kind]);
        writer.WriteEndObject();
    }

    /// <summary>The element a property holds, through nullables, lists and maps.</summary>
    private static Type ElementOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var element = ModelProperties.ElementTypeOf(type, typeof(IDictionary<,>), 1)
            ?? ModelProperties.ElementTypeOf(type, typeof(IEnumerable<>), 0);
        return element is null ? type : ElementOf(element);
    }
}
