using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// A Deployment's status computed from its ReplicaSets, and upstream's judgements of a rollout: complete,
/// progressing (something got better since the last status), or timed out (no progress for
/// <c>progressDeadlineSeconds</c>).
/// </summary>
internal static class DeploymentProgress
{
    /// <summary>True when the Deployment has a progress deadline (unset or the int32 maximum means none).</summary>
    public static bool HasProgressDeadline(V1Deployment deployment) =>
        deployment.Spec?.ProgressDeadlineSeconds is { } seconds && seconds != int.MaxValue;

    /// <summary>
    /// The status <paramref name="allReplicaSets"/> (which include <paramref name="newReplicaSet"/>) add up to, with
    /// the Deployment's current conditions carried over and <c>Available</c> decided; zero counts are left out, as
    /// upstream omits them.
    /// </summary>
    public static V1DeploymentStatus Calculate(IReadOnlyList<V1ReplicaSet> allReplicaSets, V1ReplicaSet? newReplicaSet,
        V1Deployment deployment, DateTimeOffset now)
    {
        var available = ReplicaSetCounts.Available(allReplicaSets);
        var unavailable = Math.Max(ReplicaSetCounts.Spec(allReplicaSets) - available, 0);
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation is { } generation && generation != 0 ? generation : null,
            Replicas = NullIfZero(ReplicaSetCounts.Actual(allReplicaSets)),
            UpdatedReplicas = NullIfZero(newReplicaSet is null ? 0 : ReplicaSetCounts.Actual([newReplicaSet])),
            ReadyReplicas = NullIfZero(ReplicaSetCounts.Ready(allReplicaSets)),
            AvailableReplicas = NullIfZero(available),
            UnavailableReplicas = NullIfZero(unavailable),
            CollisionCount = deployment.Status?.CollisionCount,
            Conditions = deployment.Status?.Conditions is { Count: > 0 } conditions ? [.. conditions.Select(ModelCopy.Deep)] : null,
        };
        if (available >= DeploymentReplicas.Desired(deployment) - DeploymentReplicas.MaxUnavailable(deployment))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Available, "True",
                DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", now));
        }
        else
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Available, "False",
                DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
        }
        return status;
    }

    /// <summary>
    /// True when <paramref name="status"/> shows the rollout done: every desired replica updated and available, no
    /// old ones left, and the current generation observed.
    /// </summary>
    public static bool IsComplete(V1Deployment deployment, V1DeploymentStatus? status)
    {
        var desired = DeploymentReplicas.Desired(deployment);
        return (status?.UpdatedReplicas ?? 0) == desired
            && (status?.Replicas ?? 0) == desired
            && (status?.AvailableReplicas ?? 0) == desired
            && (status?.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0);
    }

    /// <summary>
    /// True when <paramref name="newStatus"/> is better than the Deployment's current status: more updated, fewer
    /// old, more ready or more available replicas.
    /// </summary>
    public static bool IsProgressing(V1Deployment deployment, V1DeploymentStatus newStatus)
    {
        var old = deployment.Status;
        var oldOld = (old?.Replicas ?? 0) - (old?.UpdatedReplicas ?? 0);
        var newOld = (newStatus.Replicas ?? 0) - (newStatus.UpdatedReplicas ?? 0);
        return (newStatus.UpdatedReplicas ?? 0) > (old?.UpdatedReplicas ?? 0)
            || newOld < oldOld
            || (newStatus.ReadyReplicas ?? 0) > (old?.ReadyReplicas ?? 0)
            || (newStatus.AvailableReplicas ?? 0) > (old?.AvailableReplicas ?? 0);
    }

    /// <summary>
    /// True when the Progressing condition of <paramref name="newStatus"/> was last updated more than
    /// <c>progressDeadlineSeconds</c> before <paramref name="now"/> (or already says the deadline passed), unless the
    /// rollout completed.
    /// </summary>
    public static bool HasTimedOut(V1Deployment deployment, V1DeploymentStatus newStatus, DateTimeOffset now)
    {
        if (!HasProgressDeadline(deployment) || DeploymentConditions.Get(newStatus, DeploymentConditions.Progressing) is not { } condition)
        {
            return false;
        }
        if (condition.Reason == DeploymentConditions.NewReplicaSetAvailable)
        {
            return false;
        }
        if (condition.Reason == DeploymentConditions.ProgressDeadlineExceeded)
        {
            return true;
        }
        return Deadline(deployment, condition) < now;
    }

    /// <summary>When the rollout times out unless it makes progress: the condition's last update plus the deadline.</summary>
    public static DateTimeOffset Deadline(V1Deployment deployment, V1DeploymentCondition condition) =>
        new DateTimeOffset(DateTime.SpecifyKind(condition.LastUpdateTime ?? DateTime.MinValue, DateTimeKind.Utc))
            .AddSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 0);

    /// <summary>True when two statuses are the same (as their canonical JSON).</summary>
    public static bool StatusEquals(V1DeploymentStatus? a, V1DeploymentStatus? b) =>
        CanonicalJson.Serialize(a ?? new V1DeploymentStatus()).AsSpan().SequenceEqual(CanonicalJson.Serialize(b ?? new V1DeploymentStatus()));

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}
