namespace SharpKube.ApiMachinery.Selectors;

/// <summary>The operators of a label selector requirement.</summary>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>: the label is present and equal.</summary>
    Equals,

    /// <summary><c>key==value</c>: the same as <see cref="Equals"/>, kept to print it back as written.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>: the label is absent or different.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>: the label is present and one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent or none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;N</c>: the label is present, an integer, and greater than N.</summary>
    GreaterThan,

    /// <summary><c>key&lt;N</c>: the label is present, an integer, and less than N.</summary>
    LessThan,
}
