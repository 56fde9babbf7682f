using System.Globalization;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Patching;

/// <summary>
/// Where a non-root JSON Pointer lands: the object or array that holds (or would hold) the value, and the
/// last reference token. Array indices may be negative (counted from the end), as upstream's patch engine allows.
/// </summary>
internal readonly record struct JsonPointerTarget(JsonNode Container, string Token)
{
    /// <summary>Walks to the parent of <paramref name="pointer"/>; every step but the last must exist.</summary>
    public static JsonPointerTarget Find(JsonNode? root, JsonPointer pointer, string operation)
    {
        var current = root;
        var tokens = pointer.Tokens;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(tokens[i], out var member) => member,
                JsonArray array when ExistingIndex(tokens[i], array.Count) is { } index => array[index],
                _ => null,
            };
        }
        if (current is not (JsonObject or JsonArray))
        {
            throw JsonPatchException.Failed($"{operation} operation does not apply: doc is missing path: \"{pointer}\"");
        }
        return new JsonPointerTarget(current, tokens[^1]);
    }

    /// <summary>Reads the value; false when the member or element does not exist.</summary>
    public bool TryGet(out JsonNode? value)
    {
        value = null;
        switch (Container)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(Token, out value);
            case JsonArray array when ExistingIndex(Token, array.Count) is { } index:
                value = array[index];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Adds a member (replacing one of the same name) or inserts an element (<c>-</c> appends).</summary>
    public void Add(JsonNode? value)
    {
        if (Container is JsonObject obj)
        {
            obj[Token] = value;
            return;
        }
        var array = (JsonArray)Container;
        if (Token == "-")
        {
            array.Add(value);
            return;
        }
        var index = ParseIndex(Token) ?? throw InvalidIndex();
        if (index < 0)
        {
            index += array.Count + 1;
        }
        if (index < 0 || index > array.Count)
        {
            throw InvalidIndex();
        }
        array.Insert(index, value);
    }

    /// <summary>Replaces an existing element, or sets an object member (which need not exist, as upstream allows).</summary>
    public void Replace(JsonNode? value)
    {
        if (Container is JsonObject obj)
        {
            obj[Token] = value;
            return;
        }
        var array = (JsonArray)Container;
        var index = ExistingIndex(Token, array.Count) ?? throw InvalidIndex();
        array[index] = value;
    }

    /// <summary>Removes the member or element and returns it, detached.</summary>
    public JsonNode? Remove()
    {
        if (Container is JsonObject obj)
        {
            if (!obj.TryGetPropertyValue(Token, out var member))
            {
                throw JsonPatchException.Failed($"Unable to remove nonexistent key: {Token}");
            }
            obj.Remove(Token);
            return member;
        }
        var array = (JsonArray)Container;
        var index = ExistingIndex(Token, array.Count) ?? throw InvalidIndex();
        var element = array[index];
        array.RemoveAt(index);
        return element;
    }

    private static int? ExistingIndex(string token, int count)
    {
        if (ParseIndex(token) is not { } index)
        {
            return null;
        }
        if (index < 0)
        {
            index += count;
        }
        return index >= 0 && index < count ? index : null;
    }

    private static int? ParseIndex(string token) =>
        int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) ? index : null;

    private JsonPatchException InvalidIndex() => JsonPatchException.Failed($"Unable to access invalid index: {Token}");
}
