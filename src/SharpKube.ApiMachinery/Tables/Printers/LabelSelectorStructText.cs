using System.Text;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// A label selector rendered as Go's generated <c>String()</c> of the struct prints it, e.g.
/// <c>&amp;LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}</c>.
/// Upstream shows a policy binding's param selector this way.
/// </summary>
internal static class LabelSelectorStructText
{
    /// <summary>Formats a present selector object.</summary>
    public static string Format(JsonElement selector)
    {
        var text = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
        foreach (var label in selector.Field("matchLabels").Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(label.Name).Append(": ").Append(label.Value.Text()).Append(',');
        }
        text.Append("},MatchExpressions:[]LabelSelectorRequirement{");
        foreach (var expression in selector.Field("matchExpressions").Items())
        {
            var values = string.Join(" ", expression.Field("values").Items().Select(v => v.Text()));
            text.Append("LabelSelectorRequirement{Key:").Append(expression.Field("key").Text())
                .Append(",Operator:").Append(expression.Field("operator").Text())
                .Append(",Values:[").Append(values).Append("],},");
        }
        return text.Append("},}").ToString();
    }
}
