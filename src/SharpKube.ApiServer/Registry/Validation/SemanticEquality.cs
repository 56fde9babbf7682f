using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Registry.Validation;

/// <summary>
/// Equality of JSON values the way upstream's semantic deep-equal compares Go values: an absent field, a null,
/// an empty list and an empty map are the same; numbers compare by value. Used for "field is immutable" checks.
/// </summary>
public static class SemanticEquality
{
    /// <summary>True when both values mean the same thing.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (IsEmpty(left) || IsEmpty(right))
        {
            return IsEmpty(left) && IsEmpty(right);
        }
        switch (left, right)
        {
            case (JsonObject l, JsonObject r):
                var keys = l.Select(p => p.Key).Union(r.Select(p => p.Key), StringComparer.Ordinal);
                return keys.All(k => AreEqual(l[k], r[k]));
            case (JsonArray l, JsonArray r):
                return l.Count == r.Count && l.Zip(r).All(p => AreEqual(p.First, p.Second));
            case (JsonValue l, JsonValue r):
                if (l.GetValueKind() == JsonValueKind.Number && r.GetValueKind() == JsonValueKind.Number)
                {
                    return NumberOf(l) == NumberOf(r);
                }
                return JsonNode.DeepEquals(l, r);
            default:
                return false;
        }
    }

    // A node built in code holds its CLR value (long, int, double), and GetValue<decimal> refuses those;
    // the JSON text is the same for every representation.
    private static decimal NumberOf(JsonValue value) =>
        value.TryGetValue(out decimal number)
            ? number
            : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0 || o.All(p => IsEmpty(p.Value)),
        JsonArray a => a.Count == 0,
        _ => false,
    };
}
