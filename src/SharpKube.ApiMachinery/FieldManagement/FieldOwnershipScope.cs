using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// What one write's field ownership is about: the kind's schema, the version and subresource written through,
/// and which fields the endpoint leaves to others (a kind with a status subresource ignores <c>status</c> on the
/// main resource; the status subresource owns nothing but <c>status</c>).
/// </summary>
/// <param name="Schema">The kind's patch schema.</param>
/// <param name="ApiVersion">The group/version of the request.</param>
/// <param name="Subresource">The subresource written through, or null.</param>
/// <param name="Ignored">Fields (with everything below them) no manager of this endpoint owns.</param>
/// <param name="OnlyUnder">When set, the only fields (with everything below them) managers of this endpoint own.</param>
public sealed record FieldOwnershipScope(PatchSchema Schema, string ApiVersion, string? Subresource = null,
    FieldSet? Ignored = null, FieldSet? OnlyUnder = null)
{
    private static readonly FieldSet ServerOwned = Build(
        ["f:apiVersion"], ["f:kind"], ["f:metadata"], ["f:metadata", "f:name"], ["f:metadata", "f:namespace"],
        ["f:metadata", "f:creationTimestamp"], ["f:metadata", "f:selfLink"], ["f:metadata", "f:uid"],
        ["f:metadata", "f:clusterName"], ["f:metadata", "f:generation"], ["f:metadata", "f:managedFields"],
        ["f:metadata", "f:resourceVersion"]);

    /// <summary>A set of the given paths.</summary>
    public static FieldSet Build(params string[][] paths)
    {
        var set = new FieldSet();
        foreach (var path in paths)
        {
            set.Insert(path);
        }
        return set;
    }

    /// <summary>
    /// <paramref name="fields"/> without what no manager owns: the identity and server-set metadata (the fields
    /// themselves, not what lies below), and what this endpoint ignores.
    /// </summary>
    public FieldSet Filter(FieldSet fields)
    {
        var filtered = fields.Difference(ServerOwned);
        if (Ignored is not null)
        {
            filtered = filtered.WithoutSubtrees(Ignored);
        }
        if (OnlyUnder is not null)
        {
            filtered = filtered.OnlySubtrees(OnlyUnder);
        }
        return filtered;
    }

    /// <summary>A comparison's sets, filtered.</summary>
    public (FieldSet Added, FieldSet Modified, FieldSet Removed) Filter(ObjectComparison comparison) =>
        (Filter(comparison.Added), Filter(comparison.Modified), Filter(comparison.Removed));
}
