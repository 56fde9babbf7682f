namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>The <c>x-kubernetes-patch-strategy</c> of a field, as flags (upstream writes <c>merge,retainKeys</c>).</summary>
[Flags]
public enum PatchStrategy
{
    /// <summary>No strategy: lists are replaced, objects and maps merged.</summary>
    None = 0,

    /// <summary>Lists merge by <c>x-kubernetes-patch-merge-key</c> (objects) or as a union (scalars).</summary>
    Merge = 1,

    /// <summary>The object (or each list item) honours the <c>$retainKeys</c> directive.</summary>
    RetainKeys = 2,
}
