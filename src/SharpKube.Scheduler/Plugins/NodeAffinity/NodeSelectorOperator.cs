namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>The operators of a node selector requirement.</summary>
internal enum NodeSelectorOperator
{
    /// <summary>The value is one of the values.</summary>
    In,

    /// <summary>The key is missing, or its value is none of the values.</summary>
    NotIn,

    /// <summary>The key is present.</summary>
    Exists,

    /// <summary>The key is missing.</summary>
    DoesNotExist,

    /// <summary>The value is an integer greater than the one value.</summary>
    Gt,

    /// <summary>The value is an integer less than the one value.</summary>
    Lt,
}
