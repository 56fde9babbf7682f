namespace SharpKube.ApiMachinery.Selectors;

/// <summary>One term of a <see cref="FieldSelector"/>, e.g. <c>status.phase!=Running</c>.</summary>
/// <param name="Field">The field label, e.g. <c>spec.nodeName</c>.</param>
/// <param name="Operator">Equal or not equal.</param>
/// <param name="Value">The unescaped value; may be empty.</param>
public sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>True when the field's value (absent = "") satisfies this term; allocates nothing.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        var actual = fields.TryGetValue(Field, out var value) ? value : "";
        return string.Equals(actual, Value, StringComparison.Ordinal) == (Operator == FieldSelectorOperator.Equals);
    }

    /// <summary>The term as upstream prints it, with <c>\</c>, <c>,</c> and <c>=</c> escaped in the value.</summary>
    public override string ToString() =>
        Field + (Operator == FieldSelectorOperator.Equals ? "=" : "!=") + FieldSelectorEscaping.Escape(Value);
}
