using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>The orders upstream sorts a Deployment's ReplicaSets in.</summary>
internal static class ReplicaSetOrder
{
    /// <summary>Oldest first (creation time, then name).</summary>
    public static Comparison<V1ReplicaSet> ByCreation { get; } = (a, b) =>
    {
        var byTime = Nullable.Compare(a.Metadata?.CreationTimestamp, b.Metadata?.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata?.Name, b.Metadata?.Name);
    };

    /// <summary>Lowest revision first; ReplicaSets of equal or unreadable revisions oldest first.</summary>
    public static Comparison<V1ReplicaSet> ByRevision { get; } = (a, b) =>
    {
        if (DeploymentAnnotations.TryGetRevision(a, out var ra) && DeploymentAnnotations.TryGetRevision(b, out var rb) && ra != rb)
        {
            return ra.CompareTo(rb);
        }
        return ByCreation(a, b);
    };

    /// <summary>Largest first; of equal sizes the older first (for scaling down).</summary>
    public static Comparison<V1ReplicaSet> BySizeOlder { get; } = (a, b) =>
    {
        var bySize = DeploymentReplicas.Of(b).CompareTo(DeploymentReplicas.Of(a));
        return bySize != 0 ? bySize : ByCreation(a, b);
    };

    /// <summary>Largest first; of equal sizes the newer first (for scaling up).</summary>
    public static Comparison<V1ReplicaSet> BySizeNewer { get; } = (a, b) =>
    {
        var bySize = DeploymentReplicas.Of(b).CompareTo(DeploymentReplicas.Of(a));
        return bySize != 0 ? bySize : ByCreation(b, a);
    };

    /// <summary>A sorted copy of <paramref name="replicaSets"/> (a stable sort).</summary>
    public static List<V1ReplicaSet> Sorted(IEnumerable<V1ReplicaSet> replicaSets, Comparison<V1ReplicaSet> order) =>
        [.. replicaSets.Order(Comparer<V1ReplicaSet>.Create(order))];
}
