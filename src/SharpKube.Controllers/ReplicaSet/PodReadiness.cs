using k8s.Models;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>What the replica controllers read from a pod's status: active, ready, available.</summary>
public static class PodReadiness
{
    /// <summary>Neither finished (Succeeded/Failed) nor being deleted: a pod that counts as a replica.</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;

    /// <summary>The pod's <c>Ready</c> condition, or null.</summary>
    public static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>True when the <c>Ready</c> condition is <c>True</c>.</summary>
    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready, or null when it is not ready (or the time is unknown).</summary>
    public static DateTime? ReadySince(V1Pod pod) =>
        ReadyCondition(pod) is { Status: "True", LastTransitionTime: { } since } ? since : null;

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> as of <paramref name="now"/>.</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod))
        {
            return false;
        }
        if (minReadySeconds <= 0)
        {
            return true;
        }
        return ReadySince(pod) is { } since && ToUtc(since).AddSeconds(minReadySeconds) < now;
    }

    /// <summary>A model timestamp as UTC (KubernetesClient reads them as UTC or unspecified kinds).</summary>
    public static DateTimeOffset ToUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
