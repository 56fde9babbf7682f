namespace SharpKube.Scheduler.Framework;

/// <summary>The operators of a label selector's <c>matchExpressions</c> (plus the ones <c>matchLabels</c> and <c>matchLabelKeys</c> become).</summary>
public enum LabelSelectorOperator
{
    /// <summary>The label is present with one of the values.</summary>
    In,

    /// <summary>The label is missing, or its value is none of the values.</summary>
    NotIn,

    /// <summary>The label is present.</summary>
    Exists,

    /// <summary>The label is missing.</summary>
    DoesNotExist,
}
