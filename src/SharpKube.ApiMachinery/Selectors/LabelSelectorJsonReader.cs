using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Reads the requirements of a metav1.LabelSelector JSON object: each <c>matchLabels</c> entry is an
/// <c>=</c> requirement, each <c>matchExpressions</c> item an In, NotIn, Exists or DoesNotExist one.
/// </summary>
internal static class LabelSelectorJsonReader
{
    /// <summary>The requirements in document order (matchLabels first); throws on invalid content.</summary>
    public static List<LabelRequirement> Read(JsonElement selector)
    {
        if (selector.ValueKind != JsonValueKind.Object)
        {
            throw new SelectorParseException($"a label selector must be an object, not {selector.ValueKind}");
        }
        var requirements = new List<LabelRequirement>();
        if (selector.TryGetProperty("matchLabels"u8, out var matchLabels) && matchLabels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in matchLabels.EnumerateObject())
            {
                requirements.Add(LabelRequirement.Create(label.Name, SelectorOperator.Equals, [ReadString(label.Value)]));
            }
        }
        if (selector.TryGetProperty("matchExpressions"u8, out var expressions) && expressions.ValueKind == JsonValueKind.Array)
        {
            foreach (var expression in expressions.EnumerateArray())
            {
                requirements.Add(ReadExpression(expression));
            }
        }
        return requirements;
    }

    private static LabelRequirement ReadExpression(JsonElement expression)
    {
        var key = expression.TryGetProperty("key"u8, out var keyElement) ? ReadString(keyElement) : "";
        var operatorName = expression.TryGetProperty("operator"u8, out var opElement) ? ReadString(opElement) : "";
        var op = operatorName switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            _ => throw new SelectorParseException($"{GoStringLiteral.Quote(operatorName)} is not a valid label selector operator"),
        };
        var values = new List<string>();
        if (expression.TryGetProperty("values"u8, out var valuesElement) && valuesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in valuesElement.EnumerateArray())
            {
                values.Add(ReadString(value));
            }
        }
        return LabelRequirement.Create(key, op, values);
    }

    // Go decodes a JSON null into a string as "", which is what upstream would then validate.
    private static string ReadString(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null => "",
        _ => element.GetRawText(),
    };
}
