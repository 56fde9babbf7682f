namespace SharpKube.ApiMachinery.Selectors;

/// <summary>The operators of a field selector term (<c>==</c> is read as <see cref="Equals"/>).</summary>
public enum FieldSelectorOperator
{
    /// <summary><c>field=value</c> or <c>field==value</c>.</summary>
    Equals,

    /// <summary><c>field!=value</c>.</summary>
    NotEquals,
}
