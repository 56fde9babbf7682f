using System.Text;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// Renders a plain label map (a Service selector, a node selector, pod labels) the way upstream's
/// <c>labels.FormatLabels</c> does: <c>k=v</c> pairs sorted by key, joined by commas.
/// </summary>
public static class LabelSetText
{
    /// <summary>Shown for an empty or missing map.</summary>
    public const string None = "<none>";

    /// <summary>Formats a JSON object of string values; <c>&lt;none&gt;</c> when it is empty or missing.</summary>
    public static string Format(JsonElement labels)
    {
        var pairs = labels.Properties()
            .Select(p => (Key: p.Name, Value: p.Value.Text()))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        if (pairs.Count == 0)
        {
            return None;
        }
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(key).Append('=').Append(value);
        }
        return text.ToString();
    }
}
