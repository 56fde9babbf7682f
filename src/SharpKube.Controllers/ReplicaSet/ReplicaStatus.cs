namespace SharpKube.Controllers.ReplicaSet;

/// <summary>The status a replica controller writes, the same for ReplicaSets and ReplicationControllers.</summary>
/// <param name="Replicas">Active pods the controller owns.</param>
/// <param name="FullyLabeledReplicas">Of those, pods carrying every label of the template.</param>
/// <param name="ReadyReplicas">Of those, ready pods.</param>
/// <param name="AvailableReplicas">Of those, pods ready for at least <c>minReadySeconds</c>.</param>
/// <param name="ObservedGeneration">The generation of the spec this status reflects.</param>
/// <param name="Conditions">The conditions (only <c>ReplicaFailure</c> is ever set).</param>
public sealed record ReplicaStatus(int Replicas, int FullyLabeledReplicas, int ReadyReplicas, int AvailableReplicas, long ObservedGeneration,
    IReadOnlyList<ReplicaCondition> Conditions)
{
    /// <summary>The condition type the controllers set when they cannot create or delete pods.</summary>
    public const string ReplicaFailure = "ReplicaFailure";

    /// <summary>True when both statuses say the same (conditions compared field by field, in order).</summary>
    public bool SameAs(ReplicaStatus other) =>
        other is not null
        && Replicas == other.Replicas && FullyLabeledReplicas == other.FullyLabeledReplicas && ReadyReplicas == other.ReadyReplicas
        && AvailableReplicas == other.AvailableReplicas && ObservedGeneration == other.ObservedGeneration
        && Conditions.SequenceEqual(other.Conditions);
}
