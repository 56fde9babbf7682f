using k8s.Models;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// One object in the dependency graph: its owner references and the nodes that name it as an owner. A virtual
/// node stands for an owner that dependents reference but no informer has shown yet. Only the graph changes or
/// reads nodes, under its lock.
/// </summary>
internal sealed class GraphNode(ObjectIdentity identity, bool observed)
{
    /// <summary>Who the object is (for a virtual node: as the first dependent referencing it said).</summary>
    public ObjectIdentity Identity { get; set; } = identity;

    /// <summary>False for a virtual node.</summary>
    public bool Observed { get; set; } = observed;

    /// <summary>The object carries the <c>foregroundDeletion</c> finalizer and a deletionTimestamp: its dependents go first.</summary>
    public bool DeletingDependents { get; set; }

    /// <summary>The object's owner references, as last observed.</summary>
    public IReadOnlyList<V1OwnerReference> Owners { get; set; } = [];

    /// <summary>The nodes whose owner references name this one.</summary>
    public HashSet<GraphNode> Dependents { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>True when <paramref name="dependent"/>'s reference to this node blocks its foreground deletion.</summary>
    public bool IsBlockedBy(GraphNode dependent) =>
        dependent.Owners.Any(o => o.Uid == Identity.Uid && o.BlockOwnerDeletion == true);
}
