namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>The <c>x-kubernetes-list-type</c> of a list field.</summary>
public enum PatchListType
{
    /// <summary>The list is one value: a patch or an apply replaces it whole (the default).</summary>
    Atomic,

    /// <summary>A list of unique scalars whose items are owned and merged individually.</summary>
    Set,

    /// <summary>A list of objects identified by <c>x-kubernetes-list-map-keys</c>.</summary>
    Map,
}
