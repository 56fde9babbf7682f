namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>
/// What upstream's API types declare about one field: the <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags
/// (used by strategic merge patch) and the <c>+listType</c>/<c>+listMapKey</c>/<c>+mapType</c> markers (used by
/// server-side apply). Fields without an entry are atomic lists and granular maps/structs.
/// </summary>
/// <param name="Strategy">The patch strategy (<c>x-kubernetes-patch-strategy</c>).</param>
/// <param name="MergeKey">The patch merge key (<c>x-kubernetes-patch-merge-key</c>), for lists of objects.</param>
/// <param name="ListType">The list type (<c>x-kubernetes-list-type</c>).</param>
/// <param name="ListMapKeys">The list map keys (<c>x-kubernetes-list-map-keys</c>) when <paramref name="ListType"/> is map.</param>
/// <param name="AtomicMap">Whether a map or struct is <c>x-kubernetes-map-type: atomic</c>.</param>
public sealed record FieldPatchFacts(
    PatchStrategy Strategy = PatchStrategy.None,
    string? MergeKey = null,
    PatchListType ListType = PatchListType.Atomic,
    IReadOnlyList<string>? ListMapKeys = null,
    bool AtomicMap = false)
{
    /// <summary>The facts of a field nothing is declared about.</summary>
    public static FieldPatchFacts Default { get; } = new();

    /// <summary>A list merged by <paramref name="key"/> (<c>patchStrategy:"merge" patchMergeKey:key</c>, listType map keyed by it).</summary>
    public static FieldPatchFacts MergeBy(string key, params string[] listMapKeys) =>
        new(PatchStrategy.Merge, key, PatchListType.Map, listMapKeys.Length == 0 ? [key] : listMapKeys);

    /// <summary>A list merged by <paramref name="key"/> whose items also honour <c>$retainKeys</c>.</summary>
    public static FieldPatchFacts MergeRetainingKeysBy(string key) =>
        new(PatchStrategy.Merge | PatchStrategy.RetainKeys, key, PatchListType.Map, [key]);

    /// <summary>A list of scalars merged as a union (<c>patchStrategy:"merge"</c>, listType set).</summary>
    public static FieldPatchFacts MergedSet { get; } = new(PatchStrategy.Merge, ListType: PatchListType.Set);

    /// <summary>A list of scalars that is a set for apply but atomic for strategic merge patch.</summary>
    public static FieldPatchFacts Set { get; } = new(ListType: PatchListType.Set);

    /// <summary>A list of objects keyed for apply only (<c>+listType=map</c> without a patch strategy).</summary>
    public static FieldPatchFacts MapKeyedBy(params string[] listMapKeys) =>
        new(ListType: PatchListType.Map, ListMapKeys: listMapKeys);

    /// <summary>A map or struct replaced whole (<c>+mapType=atomic</c>).</summary>
    public static FieldPatchFacts AtomicMapType { get; } = new(AtomicMap: true);

    /// <summary>A struct that honours <c>$retainKeys</c> (<c>patchStrategy:"retainKeys"</c>).</summary>
    public static FieldPatchFacts RetainKeys { get; } = new(PatchStrategy.RetainKeys);
}
