namespace SharpKube.ApiMachinery.Selectors;

/// <summary>The tokens of the label selector grammar.</summary>
internal enum LabelSelectorTokenKind
{
    /// <summary>No more input.</summary>
    EndOfString,

    /// <summary><c>)</c></summary>
    ClosedParenthesis,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>!</c></summary>
    DoesNotExist,

    /// <summary><c>==</c></summary>
    DoubleEquals,

    /// <summary><c>=</c></summary>
    Equals,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary>A key or value.</summary>
    Identifier,

    /// <summary>The keyword <c>in</c>.</summary>
    In,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>!=</c></summary>
    NotEquals,

    /// <summary>The keyword <c>notin</c>.</summary>
    NotIn,

    /// <summary><c>(</c></summary>
    OpenParenthesis,
}
