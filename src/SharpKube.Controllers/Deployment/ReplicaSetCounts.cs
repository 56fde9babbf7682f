using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>Sums over a Deployment's ReplicaSets: desired (spec) and observed (status) pods.</summary>
internal static class ReplicaSetCounts
{
    /// <summary>The sum of <c>spec.replicas</c>.</summary>
    public static int Spec(IEnumerable<V1ReplicaSet?> replicaSets) => replicaSets.Sum(rs => rs is null ? 0 : DeploymentReplicas.Of(rs));

    /// <summary>The sum of <c>status.replicas</c>: the pods the ReplicaSets actually have.</summary>
    public static int Actual(IEnumerable<V1ReplicaSet?> replicaSets) => replicaSets.Sum(rs => rs?.Status?.Replicas ?? 0);

    /// <summary>The sum of <c>status.readyReplicas</c>.</summary>
    public static int Ready(IEnumerable<V1ReplicaSet?> replicaSets) => replicaSets.Sum(rs => rs?.Status?.ReadyReplicas ?? 0);

    /// <summary>The sum of <c>status.availableReplicas</c>.</summary>
    public static int Available(IEnumerable<V1ReplicaSet?> replicaSets) => replicaSets.Sum(rs => rs?.Status?.AvailableReplicas ?? 0);

    /// <summary>
    /// The available pods that will stay: per ReplicaSet at most <c>spec.replicas</c>, because pods beyond it are being
    /// removed even while a lagging status still counts them.
    /// </summary>
    public static int AvailableWithinSpec(IEnumerable<V1ReplicaSet?> replicaSets) =>
        replicaSets.Sum(rs => rs is null ? 0 : Math.Min(rs.Status?.AvailableReplicas ?? 0, DeploymentReplicas.Of(rs)));

    /// <summary>The ReplicaSets that should run pods (<c>spec.replicas</c> above 0).</summary>
    public static List<V1ReplicaSet> Active(IEnumerable<V1ReplicaSet?> replicaSets) =>
        [.. replicaSets.Where(rs => rs is not null && DeploymentReplicas.Of(rs) > 0).Select(rs => rs!)];
}
