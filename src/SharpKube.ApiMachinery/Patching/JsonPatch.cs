using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Patching;

/// <summary>
/// JSON Patch (RFC 6902): a list of <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c> and
/// <c>test</c> operations addressed by JSON Pointers (RFC 6901), applied in order and all-or-nothing.
/// Where upstream Kubernetes' engine is more lenient than the RFC, this follows upstream: <c>replace</c> of a
/// missing object member sets it, <c>test</c> of a missing member against <c>null</c> passes, and negative
/// array indices count from the end.
/// </summary>
public static class JsonPatch
{
    /// <summary>The most operations one patch may hold (upstream's limit).</summary>
    public const int MaxOperations = 10000;

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="document"/> and returns the result;
    /// <paramref name="document"/> itself is never changed.
    /// </summary>
    /// <exception cref="JsonPatchException">The patch is malformed or an operation does not apply.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        var operations = Decode(patch);
        var root = document?.DeepClone();
        foreach (var operation in operations)
        {
            root = ApplyOperation(root, operation);
        }
        return root;
    }

    /// <summary>
    /// Checks the shape of a patch document: a JSON array (or <c>null</c>, an empty patch) of objects
    /// (or nulls, which fail when applied) with at most <see cref="MaxOperations"/> entries.
    /// </summary>
    /// <exception cref="JsonPatchException">The patch is not such an array.</exception>
    public static IReadOnlyList<JsonObject?> Decode(JsonNode? patch)
    {
        if (patch is null)
        {
            return [];
        }
        if (patch is not JsonArray array)
        {
            throw new JsonPatchException(JsonPatchFailure.MalformedPatch,
                $"json: cannot unmarshal {GoKind(patch)} into Go value of type jsonpatch.Patch");
        }
        var operations = new List<JsonObject?>(array.Count);
        foreach (var element in array)
        {
            if (element is not (null or JsonObject))
            {
                throw new JsonPatchException(JsonPatchFailure.MalformedPatch,
                    $"json: cannot unmarshal {GoKind(element)} into Go value of type jsonpatch.Operation");
            }
            operations.Add(element as JsonObject);
        }
        if (operations.Count > MaxOperations)
        {
            throw new JsonPatchException(JsonPatchFailure.TooManyOperations,
                $"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }
        return operations;
    }

    private static JsonNode? ApplyOperation(JsonNode? root, JsonObject? operation)
    {
        var kind = StringMember(operation, "op") ?? "unknown";
        return kind switch
        {
            "add" => Add(root, Pointer(operation!, "path", kind), Value(operation!, kind), kind),
            "remove" => Remove(root, Pointer(operation!, "path", kind), kind),
            "replace" => Replace(root, Pointer(operation!, "path", kind), Value(operation!, kind)),
            "move" => Move(root, Pointer(operation!, "from", kind), Pointer(operation!, "path", kind)),
            "copy" => Copy(root, Pointer(operation!, "from", kind), Pointer(operation!, "path", kind)),
            "test" => Test(root, Pointer(operation!, "path", kind), Value(operation!, kind)),
            _ => throw JsonPatchException.Failed($"Unexpected kind: {kind}"),
        };
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value, string kind)
    {
        if (path.IsRoot)
        {
            return value;
        }
        JsonPointerTarget.Find(root, path, kind).Add(value);
        return root;
    }

    private static JsonNode? Remove(JsonNode? root, JsonPointer path, string kind)
    {
        if (path.IsRoot)
        {
            throw JsonPatchException.Failed($"{kind} operation does not apply: doc is missing path: \"\"");
        }
        JsonPointerTarget.Find(root, path, kind).Remove();
        return root;
    }

    private static JsonNode? Replace(JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }
        JsonPointerTarget.Find(root, path, "replace").Replace(value);
        return root;
    }

    private static JsonNode? Move(JsonNode? root, JsonPointer from, JsonPointer path)
    {
        if (from.IsProperPrefixOf(path))
        {
            throw JsonPatchException.Failed($"move operation does not apply: \"{from}\" cannot be moved into its own child \"{path}\"");
        }
        if (from.IsRoot)
        {
            return root;
        }
        var value = JsonPointerTarget.Find(root, from, "move").Remove();
        return Add(root, path, value, "move");
    }

    private static JsonNode? Copy(JsonNode? root, JsonPointer from, JsonPointer path)
    {
        JsonNode? value;
        if (from.IsRoot)
        {
            value = root;
        }
        else if (!JsonPointerTarget.Find(root, from, "copy").TryGet(out value))
        {
            throw JsonPatchException.Failed($"copy operation does not apply: doc is missing from path: \"{from}\"");
        }
        return Add(root, path, value?.DeepClone(), "copy");
    }

    private static JsonNode? Test(JsonNode? root, JsonPointer path, JsonNode? expected)
    {
        JsonNode? actual;
        if (path.IsRoot)
        {
            actual = root;
        }
        else
        {
            var target = JsonPointerTarget.Find(root, path, "test");
            if (!target.TryGet(out actual) && target.Container is JsonArray)
            {
                throw JsonPatchException.Failed($"Unable to access invalid index: {target.Token}");
            }
        }
        if (!JsonNode.DeepEquals(actual, expected))
        {
            throw JsonPatchException.Failed($"testing value {path} failed");
        }
        return root;
    }

    private static JsonPointer Pointer(JsonObject operation, string member, string kind) =>
        StringMember(operation, member) is { } text
            ? JsonPointer.Parse(text)
            : throw JsonPatchException.Failed($"{kind} operation missing {member} field");

    private static JsonNode? Value(JsonObject operation, string kind) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw JsonPatchException.Failed($"{kind} operation missing value field");

    private static string? StringMember(JsonObject? operation, string member) =>
        operation?[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        var other => other.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
