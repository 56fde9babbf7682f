namespace SharpKube.Scheduler.Framework;

/// <summary>One requirement of a parsed label selector: a key, an operator and its values.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Values">The values (empty for Exists and DoesNotExist).</param>
public sealed record LabelRequirement(string Key, LabelSelectorOperator Operator, string[] Values)
{
    /// <summary>Whether the requirement holds for a label that is <paramref name="present"/> with <paramref name="value"/>.</summary>
    public bool Matches(bool present, string? value) => Operator switch
    {
        LabelSelectorOperator.In => present && Array.IndexOf(Values, value) >= 0,
        LabelSelectorOperator.NotIn => !present || Array.IndexOf(Values, value) < 0,
        LabelSelectorOperator.Exists => present,
        _ => !present,
    };
}
