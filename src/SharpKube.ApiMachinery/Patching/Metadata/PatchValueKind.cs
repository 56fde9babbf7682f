namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>The shape of a JSON value as far as patching cares.</summary>
public enum PatchValueKind
{
    /// <summary>A field the model does not describe: lists replace, objects merge recursively.</summary>
    Unknown,

    /// <summary>A string, number, boolean, quantity, int-or-string or timestamp.</summary>
    Scalar,

    /// <summary>A struct with named fields.</summary>
    Object,

    /// <summary>A map from string keys to values of one schema (labels, resource lists).</summary>
    Map,

    /// <summary>A JSON array.</summary>
    List,
}
