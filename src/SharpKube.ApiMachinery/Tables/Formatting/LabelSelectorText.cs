using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// Renders a <c>metav1.LabelSelector</c> in the label-selector query syntax, as upstream's printers do:
/// requirements sorted by key; <c>matchLabels</c> as <c>k=v</c>; <c>In</c>/<c>NotIn</c> as
/// <c>k in (a,b)</c> / <c>k notin (a,b)</c> with sorted values; <c>Exists</c> as <c>k</c>;
/// <c>DoesNotExist</c> as <c>!k</c>.
/// </summary>
public static class LabelSelectorText
{
    /// <summary>Shown for a missing or empty selector.</summary>
    public const string None = "<none>";

    /// <summary>Shown for a selector upstream cannot parse (bad operator, key or value).</summary>
    public const string Error = "<error>";

    /// <summary>
    /// Formats like upstream's <c>FormatLabelSelector</c>: <c>&lt;none&gt;</c> for a missing or empty
    /// selector, <c>&lt;error&gt;</c> for an invalid one.
    /// </summary>
    public static string Format(JsonElement selector)
    {
        if (!TryFormat(selector, out var text))
        {
            return Error;
        }
        return text.Length == 0 ? None : text;
    }

    /// <summary>
    /// Converts the selector to its query string; empty for a missing selector (selects nothing) and for
    /// an empty one (selects everything). False when the selector is invalid.
    /// </summary>
    public static bool TryFormat(JsonElement selector, out string text)
    {
        text = "";
        var requirements = new List<(string Key, string Text)>();
        foreach (var label in selector.Field("matchLabels").Properties())
        {
            var value = label.Value.Text();
            if (!LabelSyntax.IsValidKey(label.Name) || !LabelSyntax.IsValidValue(value))
            {
                return false;
            }
            requirements.Add((label.Name, label.Name + "=" + value));
        }
        foreach (var expression in selector.Field("matchExpressions").Items())
        {
            if (!TryFormatExpression(expression, out var requirement))
            {
                return false;
            }
            requirements.Add(requirement);
        }
        // A stable sort by key, as upstream's selector keeps its requirements ordered by key.
        text = string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
        return true;
    }

    private static bool TryFormatExpression(JsonElement expression, out (string Key, string Text) requirement)
    {
        requirement = default;
        var key = expression.Field("key").Text();
        var values = expression.Field("values").Items().Select(v => v.Text()).ToList();
        if (!LabelSyntax.IsValidKey(key) || !values.TrueForAll(LabelSyntax.IsValidValue))
        {
            return false;
        }
        switch (expression.Field("operator").Text())
        {
            case "In" when values.Count > 0:
                requirement = (key, key + " in (" + JoinSorted(values) + ")");
                return true;
            case "NotIn" when values.Count > 0:
                requirement = (key, key + " notin (" + JoinSorted(values) + ")");
                return true;
            case "Exists" when values.Count == 0:
                requirement = (key, key);
                return true;
            case "DoesNotExist" when values.Count == 0:
                requirement = (key, "!" + key);
                return true;
            default:
                return false;
        }
    }

    private static string JoinSorted(List<string> values)
    {
        values.Sort(StringComparer.Ordinal);
        return string.Join(",", values);
    }
}
