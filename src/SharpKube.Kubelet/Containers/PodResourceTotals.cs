using k8s.Models;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// A pod's effective requests or limits, as upstream sums them: the regular containers and the sidecars (init containers
/// with <c>restartPolicy: Always</c>) run together and add up; a plain init container runs alone next to the sidecars
/// started before it; the pod needs the larger of the two. Pod overhead is not included.
/// </summary>
public static class PodResourceTotals
{
    /// <summary>The pod's effective requests, by resource name, in the quantity's base unit (cores, bytes).</summary>
    public static IReadOnlyDictionary<string, decimal> Requests(V1Pod pod) => Sum(pod, c => c.Resources?.Requests, defaultFromLimits: true);

    /// <summary>The pod's effective limits, by resource name; a resource no container limits is absent.</summary>
    public static IReadOnlyDictionary<string, decimal> Limits(V1Pod pod) => Sum(pod, c => c.Resources?.Limits, defaultFromLimits: false);

    private static Dictionary<string, decimal> Sum(V1Pod pod, Func<V1Container, IDictionary<string, ResourceQuantity>?> select, bool defaultFromLimits)
    {
        ArgumentNullException.ThrowIfNull(pod);
        IDictionary<string, decimal> Of(V1Container container)
        {
            var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (defaultFromLimits && container.Resources?.Limits is { } limits)
            {
                foreach (var (name, quantity) in limits)
                {
                    if (quantity is not null)
                    {
                        result[name] = quantity.ToDecimal();
                    }
                }
            }
            if (select(container) is { } list)
            {
                foreach (var (name, quantity) in list)
                {
                    if (quantity is not null)
                    {
                        result[name] = quantity.ToDecimal();
                    }
                }
            }
            return result;
        }

        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            Add(total, Of(container));
        }
        var sidecars = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var initPeak = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            var own = Of(container);
            Dictionary<string, decimal> whileRunning;
            if (container.RestartPolicy == "Always")
            {
                Add(total, own);
                Add(sidecars, own);
                whileRunning = new Dictionary<string, decimal>(sidecars, StringComparer.Ordinal);
            }
            else
            {
                whileRunning = new Dictionary<string, decimal>(own, StringComparer.Ordinal);
                Add(whileRunning, sidecars);
            }
            foreach (var (name, value) in whileRunning)
            {
                initPeak[name] = Math.Max(initPeak.GetValueOrDefault(name), value);
            }
        }
        foreach (var (name, value) in initPeak)
        {
            if (!total.TryGetValue(name, out var current) || value > current)
            {
                total[name] = value;
            }
        }
        return total;
    }

    private static void Add(Dictionary<string, decimal> into, IEnumerable<KeyValuePair<string, decimal>> values)
    {
        foreach (var (name, value) in values)
        {
            into[name] = into.GetValueOrDefault(name) + value;
        }
    }
}
