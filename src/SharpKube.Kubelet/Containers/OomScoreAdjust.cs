using k8s.Models;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The <c>oom_score_adj</c> the kubelet asks for a container, as upstream computes it: node-critical and Guaranteed
/// pods -997, BestEffort 1000, Burstable between by the share of node memory the container requests (3 to 999), a
/// sidecar no higher than the pod's smallest regular container.
/// </summary>
public static class OomScoreAdjust
{
    /// <summary>The score for Guaranteed and node-critical pods' containers.</summary>
    public const int Guaranteed = -997;

    /// <summary>The score for BestEffort pods' containers.</summary>
    public const int BestEffort = 1000;

    private const int SystemCriticalPriority = 2000000000;

    /// <summary>The score of <paramref name="container"/> in <paramref name="pod"/> on a node with <paramref name="memoryCapacity"/> bytes.</summary>
    public static int ForContainer(V1Pod pod, V1Container container, long memoryCapacity)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        if (IsNodeCritical(pod))
        {
            return Guaranteed;
        }
        switch (QosClass.Of(pod))
        {
            case PodQosClass.Guaranteed:
                return Guaranteed;
            case PodQosClass.BestEffort:
                return BestEffort;
        }
        if (memoryCapacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memoryCapacity), memoryCapacity, "the node's memory capacity must be positive");
        }
        var score = 1000 - (1000 * MemoryRequest(container)) / memoryCapacity;
        // Only init containers may set a restart policy; Always makes one a sidecar.
        if (container.RestartPolicy == "Always" && pod.Spec?.Containers is { Count: > 0 } regular)
        {
            // A sidecar should not outlive the containers it serves: no higher than the smallest regular container.
            var smallest = regular.Min(MemoryRequest);
            score = Math.Min(score, 1000 - (1000 * smallest) / memoryCapacity);
        }
        if (score < 1000 + Guaranteed)
        {
            return 1000 + Guaranteed;
        }
        return score == BestEffort ? BestEffort - 1 : (int)score;
    }

    /// <summary>
    /// Upstream's node-critical pod: a critical pod (static, mirror, or priority at least system-critical) in the
    /// <c>system-node-critical</c> priority class.
    /// </summary>
    public static bool IsNodeCritical(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var annotations = pod.Metadata?.Annotations;
        var isStatic = annotations is not null && annotations.TryGetValue("kubernetes.io/config.source", out var source) && source != "api";
        var isMirror = annotations?.ContainsKey("kubernetes.io/config.mirror") == true;
        var critical = isStatic || isMirror || pod.Spec?.Priority >= SystemCriticalPriority;
        return critical && pod.Spec?.PriorityClassName == "system-node-critical";
    }

    /// <summary>The memory request in bytes; an absent request defaults to the limit, as the API server defaults it.</summary>
    private static long MemoryRequest(V1Container container)
    {
        if (container.Resources?.Requests is { } requests && requests.TryGetValue("memory", out var request) && request is not null)
        {
            return LinuxResources.Value(request.ToDecimal());
        }
        return container.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var limit) && limit is not null
            ? LinuxResources.Value(limit.ToDecimal())
            : 0;
    }
}
