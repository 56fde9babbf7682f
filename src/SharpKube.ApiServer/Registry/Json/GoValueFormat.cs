using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Registry.Json;

/// <summary>
/// Renders bad values the way upstream's messages print Go values with <c>%#v</c>
/// (e.g. <c>map[string]string{"app":"web"}</c>), so field errors read exactly as a real cluster's.
/// </summary>
internal static class GoValueFormat
{
    /// <summary>A <c>map[string]string</c>: keys sorted, <c>(nil)</c> when absent.</summary>
    public static string StringMap(JsonObject? map)
    {
        if (map is null)
        {
            return "map[string]string(nil)";
        }
        var entries = map.StringEntries()
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => FieldErrorList.Quote(e.Key) + ":" + FieldErrorList.Quote(e.Value));
        return "map[string]string{" + string.Join(", ", entries) + "}";
    }

    /// <summary>A <c>[]string</c>, <c>(nil)</c> when absent.</summary>
    public static string StringSlice(JsonArray? items) => items is null
        ? "[]string(nil)"
        : "[]string{" + string.Join(", ", items.Select(i => FieldErrorList.Quote(JsonObjectExtensions.AsString(i) ?? ""))) + "}";

    /// <summary>A <c>metav1.LabelSelector</c> value.</summary>
    public static string LabelSelector(JsonObject? selector)
    {
        var matchLabels = selector?.GetObject("matchLabels");
        var expressions = selector?.GetArray("matchExpressions");
        var text = new StringBuilder("v1.LabelSelector{MatchLabels:").Append(StringMap(matchLabels))
            .Append(", MatchExpressions:");
        if (expressions is null)
        {
            text.Append("[]v1.LabelSelectorRequirement(nil)");
        }
        else
        {
            text.Append("[]v1.LabelSelectorRequirement{");
            text.AppendJoin(", ", expressions.ObjectItems().Select(e =>
                "v1.LabelSelectorRequirement{Key:" + FieldErrorList.Quote(e.Item.GetStringOrEmpty("key")) +
                ", Operator:" + FieldErrorList.Quote(e.Item.GetStringOrEmpty("operator")) +
                ", Values:" + StringSlice(e.Item.GetArray("values")) + "}"));
            text.Append('}');
        }
        return text.Append('}').ToString();
    }

    /// <summary>An <c>intstr.IntOrString</c> value (<c>Type:0</c> for integers, <c>Type:1</c> for strings).</summary>
    public static string IntOrString(JsonNode? value)
    {
        if (JsonObjectExtensions.AsString(value) is { } text)
        {
            return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldErrorList.Quote(text) + "}";
        }
        var number = JsonObjectExtensions.AsInt64(value) ?? 0;
        return "intstr.IntOrString{Type:0, IntVal:" + number.ToString(CultureInfo.InvariantCulture) + ", StrVal:\"\"}";
    }

    /// <summary>A scalar as Go prints it: strings quoted, numbers and booleans bare, <c>null</c> when absent.</summary>
    public static string Scalar(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when JsonObjectExtensions.AsString(v) is { } s => FieldErrorList.Quote(s),
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
