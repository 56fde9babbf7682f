using k8s.Models;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// A pod's QoS class, computed as upstream does: from the cpu and memory requests and limits of all its containers and
/// init containers, where a request the container leaves out defaults to its limit (the API server's defaulting, repeated
/// here for pods that did not go through it).
/// </summary>
/// <remarks>
/// Deliberate difference: pod-level <c>spec.resources</c> (the PodLevelResources feature) are not considered; the class
/// comes from the containers only.
/// </remarks>
public static class QosClass
{
    /// <summary>The resources that decide the QoS class.</summary>
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    /// <summary>The pod's class: <c>status.qosClass</c> when the API server set it, else computed.</summary>
    public static PodQosClass Of(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status?.QosClass switch
        {
            "Guaranteed" => PodQosClass.Guaranteed,
            "Burstable" => PodQosClass.Burstable,
            "BestEffort" => PodQosClass.BestEffort,
            _ => Compute(pod),
        };
    }

    /// <summary>The pod's class computed from its spec, ignoring <c>status.qosClass</c>.</summary>
    public static PodQosClass Compute(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in AllContainers(pod.Spec))
        {
            var containerLimits = container.Resources?.Limits;
            var containerRequests = container.Resources?.Requests;
            var limitsFound = 0;
            foreach (var name in ComputeResources)
            {
                var limit = Positive(containerLimits, name);
                var request = Positive(containerRequests, name);
                if (containerRequests is null || !containerRequests.ContainsKey(name))
                {
                    // Defaulting: an absent request is the limit.
                    request = limit;
                }
                if (request is { } r)
                {
                    requests[name] = requests.GetValueOrDefault(name) + r;
                }
                if (limit is { } l)
                {
                    limitsFound++;
                    limits[name] = limits.GetValueOrDefault(name) + l;
                }
            }
            if (limitsFound < ComputeResources.Length)
            {
                guaranteed = false;
            }
        }
        if (requests.Count == 0 && limits.Count == 0)
        {
            return PodQosClass.BestEffort;
        }
        if (guaranteed)
        {
            foreach (var (name, request) in requests)
            {
                if (!limits.TryGetValue(name, out var limit) || limit != request)
                {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.Count == limits.Count ? PodQosClass.Guaranteed : PodQosClass.Burstable;
    }

    private static IEnumerable<V1Container> AllContainers(V1PodSpec? spec) =>
        (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []);

    /// <summary>The quantity of <paramref name="name"/> when it is set and above zero; zero counts as unset, as upstream.</summary>
    private static decimal? Positive(IDictionary<string, ResourceQuantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var quantity) && quantity is not null && quantity.ToDecimal() > 0m
            ? quantity.ToDecimal()
            : null;
}
