using System.Globalization;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Upstream's checks when a label requirement is built (from selector text or a metav1.LabelSelector),
/// rendered as its aggregated field errors: <c>values[0][app]: Invalid value: "-x": a valid label …</c>.
/// </summary>
internal static class LabelRequirementValidation
{
    /// <summary>The aggregated error message, or null when the requirement is valid.</summary>
    public static string? Problems(string key, SelectorOperator op, string[] values)
    {
        var errors = new List<string>();
        if (LabelSyntax.KeyProblems(key) is { } keyProblems)
        {
            errors.Add(Invalid("key", GoStringLiteral.Quote(key), keyProblems));
        }
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when values.Length == 0:
                errors.Add(Invalid("values", Slice(values), "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals
                when values.Length != 1:
                errors.Add(Invalid("values", Slice(values), "exact-match compatibility requires one single value"));
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Length != 0:
                errors.Add(Invalid("values", Slice(values), "values set must be empty for exists and does not exist"));
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (values.Length != 1)
                {
                    errors.Add(Invalid("values", Slice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (var i = 0; i < values.Length; i++)
                {
                    if (!long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        errors.Add(Invalid($"values[{i}]", GoStringLiteral.Quote(values[i]),
                            "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
                break;
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (LabelSyntax.ValueProblems(values[i]) is { } valueProblems)
            {
                errors.Add(Invalid($"values[{i}][{key}]", GoStringLiteral.Quote(values[i]), valueProblems));
            }
        }
        return Aggregate(errors);
    }

    /// <summary>An Invalid field error as upstream prints it.</summary>
    public static string Invalid(string path, string renderedValue, string detail) =>
        new FieldError(FieldErrorType.Invalid, path, renderedValue, detail).ToString();

    /// <summary>Upstream's aggregate: one message alone, several de-duplicated inside brackets.</summary>
    private static string? Aggregate(List<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => "[" + string.Join(", ", distinct) + "]",
        };
    }

    // Upstream copies the values with append(nil, …), so an empty list prints as a nil slice.
    private static string Slice(string[] values) => GoStringLiteral.QuoteSlice(values.Length == 0 ? null : values);
}
