using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// Walks a JSON object against a KubernetesClient model type in document order and reports the first value that
/// upstream could not have decoded into the Go type behind it, worded as <see cref="DecodeDialect"/> says.
/// Unknown fields are not its business (field validation reports them); null fits everything. Upstream stores what
/// it decoded, so the walk also records the rewrites that make the JSON say the same: quantities in canonical form
/// (<c>0.5</c> becomes <c>"500m"</c>) and, for the converter, a whole float in an integer field as an integer.
/// </summary>
internal sealed class ModelTypeWalker
{
    private readonly DecodeDialect _dialect;

    // Go's error context: the struct fields walked into (not map keys or list indexes) and the innermost struct.
    private readonly List<string> _fields = [];
    private Type? _struct;
    private readonly List<(JsonValue Node, JsonValue Value)> _rewrites = [];

    private ModelTypeWalker(DecodeDialect dialect) => _dialect = dialect;

    /// <summary>
    /// Upstream's message for the first value of <paramref name="obj"/> that does not fit, or null; when it is null,
    /// values upstream would store differently (quantities, whole floats) are rewritten in <paramref name="obj"/>.
    /// </summary>
    public static string? FirstError(JsonNode obj, Type modelType, DecodeDialect dialect)
    {
        var walker = new ModelTypeWalker(dialect);
        var error = walker.Walk(obj, modelType);
        if (error is null)
        {
            // Replaced after the walk: changing a value while its parent is being enumerated is not allowed.
            foreach (var (node, value) in walker._rewrites)
            {
                node.ReplaceWith(value);
            }
        }
        return error;
    }

    private string? Walk(JsonNode? node, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null || type == typeof(object))
        {
            return null;
        }
        if (type == typeof(IntOrString))
        {
            return IntOrStringError(node);
        }
        if (type == typeof(ResourceQuantity))
        {
            return QuantityError(node);
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            // metav1.Time decodes its JSON as a Go string first.
            return Kind(node) == JsonValueKind.String ? null : _dialect == DecodeDialect.JsonDecoder
                ? TypeError(node, typeof(string))
                : $"json: cannot unmarshal {JsonDescription(node, typeof(string))} into Go value of type string";
        }
        if (type == typeof(byte[]))
        {
            // Base64 text, or (Go decodes it too) an array of numbers.
            return Kind(node) is JsonValueKind.String or JsonValueKind.Array ? null : Mismatch(node, type);
        }
        if (type == typeof(string) || GoTypeNames.ScalarKind(type) is not null)
        {
            return ScalarError(node, type);
        }
        if (ModelShapes.MapValueType(type) is { } valueType)
        {
            return node is JsonObject map ? Values(map, valueType) : Mismatch(node, type);
        }
        if (ModelShapes.ListItemType(type) is { } itemType)
        {
            return node is JsonArray list ? Items(list, itemType) : Mismatch(node, type);
        }
        if (ModelShapes.PropertiesOf(type) is { } properties)
        {
            return node is JsonObject obj ? Fields(obj, type, properties) : Mismatch(node, type);
        }
        return null;
    }

    // Index loops: the enumerators of JsonObject and JsonArray are interfaces, and every write walks these.
    private string? Values(JsonObject map, Type valueType)
    {
        for (var i = 0; i < map.Count; i++)
        {
            if (Walk(map.GetAt(i).Value, valueType) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private string? Items(JsonArray items, Type itemType)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (Walk(items[i], itemType) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private string? Fields(JsonObject obj, Type type, IReadOnlyDictionary<string, Type> properties)
    {
        var outer = _struct;
        for (var i = 0; i < obj.Count; i++)
        {
            var (name, value) = obj.GetAt(i);
            if (!properties.TryGetValue(name, out var propertyType))
            {
                continue;
            }
            _fields.Add(name);
            _struct = type;
            var error = Walk(value, propertyType);
            _fields.RemoveAt(_fields.Count - 1);
            _struct = outer;
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private string? ScalarError(JsonNode node, Type type)
    {
        var kind = Kind(node);
        var goKind = GoTypeNames.ScalarKind(type) ?? "string";
        var fits = goKind switch
        {
            "string" => kind == JsonValueKind.String,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => kind == JsonValueKind.Number && NumberFits((JsonValue)node, goKind),
        };
        if (fits)
        {
            return null;
        }
        if (_dialect == DecodeDialect.JsonDecoder)
        {
            return TypeError(node, type);
        }
        // The unstructured converter: same kinds assign; integers convert to any number and floats with no
        // fraction to integers; an integer into a string is a conversion Go has but refuses here.
        return (kind, goKind) switch
        {
            (JsonValueKind.Number, "string") when JsonNumbers.IsInteger((JsonValue)node, out _) => "cannot convert int64 to string",
            (JsonValueKind.Number, "int32" or "int64") => $"cannot convert float64 to {goKind}",
            _ => $"unrecognized type: {goKind}",
        };
    }

    private bool NumberFits(JsonValue value, string goKind)
    {
        var integer = JsonNumbers.IsInteger(value, out var number);
        if (_dialect == DecodeDialect.UnstructuredConverter && goKind is "int32" or "int64")
        {
            // The converter also takes a float with no fraction, and wraps out-of-range integers as Go's conversion does.
            if (!integer && !IsWhole(value))
            {
                return false;
            }
            var converted = integer ? number : (long)JsonNumbers.AsDouble(value);
            if (goKind == "int32")
            {
                converted = unchecked((int)converted);
            }
            if (!integer || converted != number)
            {
                _rewrites.Add((value, JsonValue.Create(converted)));
            }
            return true;
        }
        return goKind switch
        {
            "int32" => integer && number is >= int.MinValue and <= int.MaxValue,
            "int64" => integer,
            _ => true,
        };
    }

    private static bool IsWhole(JsonValue value)
    {
        var number = JsonNumbers.AsDouble(value);
        return double.IsFinite(number) && number == Math.Truncate(number);
    }

    private string? IntOrStringError(JsonNode node)
    {
        // IntOrString decodes a string as itself and anything else as an int32, with the JSON decoder even when
        // the converter called it.
        var kind = Kind(node);
        if (kind == JsonValueKind.String)
        {
            return null;
        }
        if (kind == JsonValueKind.Number)
        {
            var value = (JsonValue)node;
            if (JsonNumbers.IsInteger(value, out var number) && number is >= int.MinValue and <= int.MaxValue)
            {
                return null;
            }
            // The converter hands IntOrString the number re-encoded by Go, which writes a whole float without a fraction.
            if (_dialect == DecodeDialect.UnstructuredConverter && IsWhole(value)
                && JsonNumbers.AsDouble(value) is >= int.MinValue and <= int.MaxValue)
            {
                _rewrites.Add((value, JsonValue.Create((long)JsonNumbers.AsDouble(value))));
                return null;
            }
        }
        return _dialect == DecodeDialect.JsonDecoder
            ? TypeError(node, typeof(int))
            : $"json: cannot unmarshal {JsonDescription(node, typeof(int))} into Go value of type int32";
    }

    private string? QuantityError(JsonNode node)
    {
        var text = Kind(node) switch
        {
            JsonValueKind.String => node.GetValue<string>().Trim(),
            JsonValueKind.Number => JsonNumbers.Literal((JsonValue)node),
            _ => null,
        };
        if (text is null)
        {
            return QuantitySyntax.FormatWrong;
        }
        if (QuantitySyntax.Check(text) is { } error)
        {
            return error;
        }
        // A decoded Quantity is written back in canonical form (0.5 becomes 500m), always as a string.
        if (QuantitySyntax.Canonical(text) is { } canonical
            && (Kind(node) != JsonValueKind.String || canonical != node.GetValue<string>()))
        {
            _rewrites.Add(((JsonValue)node, JsonValue.Create(canonical)));
        }
        return null;
    }

    /// <summary>A value of the wrong shape for a struct, list or map (or base64 bytes).</summary>
    private string Mismatch(JsonNode node, Type type)
    {
        if (_dialect == DecodeDialect.JsonDecoder)
        {
            return TypeError(node, type);
        }
        var source = SourceKind(node);
        if (ModelShapes.MapValueType(type) is not null)
        {
            return $"cannot restore map from {source}";
        }
        return ModelShapes.ListItemType(type) is not null || type == typeof(byte[])
            ? $"cannot restore slice from {source}"
            : $"cannot restore struct from: {source}";
    }

    /// <summary>The JSON decoder's <c>UnmarshalTypeError</c>, with Go's struct-field context.</summary>
    private string TypeError(JsonNode node, Type type)
    {
        var target = _fields.Count == 0 ? "Go value" : $"Go struct field {GoTypeNames.StructName(_struct)}.{string.Join('.', _fields)}";
        return $"json: cannot unmarshal {JsonDescription(node, type)} into {target} of type {GoTypeNames.Of(type)}";
    }

    /// <summary>How the JSON decoder names the offending value: its kind, and a number's text when a number was wanted.</summary>
    private static string JsonDescription(JsonNode node, Type type) => Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Number when GoTypeNames.ScalarKind(type) is "int32" or "int64" or "float64" or "float32" =>
            "number " + JsonNumbers.Literal((JsonValue)node),
        _ => "number",
    };

    /// <summary>The Go kind of the value in an unstructured map, as the converter names it.</summary>
    private static string SourceKind(JsonNode node) => Kind(node) switch
    {
        JsonValueKind.Object => "map",
        JsonValueKind.Array => "slice",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => JsonNumbers.IsInteger((JsonValue)node, out _) ? "int64" : "float64",
    };

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();
}
