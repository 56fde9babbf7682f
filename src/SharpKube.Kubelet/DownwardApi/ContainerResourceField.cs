using System.Globalization;
using k8s.Models;

namespace SharpKube.Kubelet.DownwardApi;

/// <summary>
/// A container's resources as the downward API exposes them through <c>resourceFieldRef</c>: requests and limits of
/// cpu, memory and ephemeral storage, divided by the divisor and rounded up, as upstream does. A limit the container
/// does not set is the node's allocatable amount.
/// </summary>
public static class ContainerResourceField
{
    /// <summary>
    /// The value of <paramref name="selector"/> for <paramref name="container"/>, an integer in units of the divisor
    /// (default 1). <paramref name="nodeAllocatable"/> stands in for limits the container leaves unset. Throws
    /// <see cref="ArgumentException"/> for a resource the downward API does not support.
    /// </summary>
    public static string Resolve(V1Container container, V1ResourceFieldSelector selector, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(selector);
        var resource = selector.Resource ?? "";
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        var kind = dot < 0 ? "" : resource[..dot];
        var name = dot < 0 ? resource : resource[(dot + 1)..];
        if (kind is not ("limits" or "requests") || name is not ("cpu" or "memory" or "ephemeral-storage"))
        {
            throw new ArgumentException($"unsupported container resource : {resource}", nameof(selector));
        }
        var set = kind == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        ResourceQuantity? quantity = null;
        if (set is not null && set.TryGetValue(name, out var given))
        {
            quantity = given;
        }
        else if (kind == "limits" && nodeAllocatable is not null && nodeAllocatable.TryGetValue(name, out var allocatable))
        {
            quantity = allocatable;
        }
        var divisor = selector.Divisor is { } d && d.ToDecimal() > 0m ? d.ToDecimal() : 1m;
        var value = quantity?.ToDecimal() ?? 0m;
        if (name == "cpu")
        {
            // Compared in millicores, as upstream does, so 250m over a divisor of 1 is 1, not 0.
            var milli = Math.Ceiling(value * 1000m);
            var divisorMilli = Math.Ceiling(divisor * 1000m);
            return ((long)Math.Ceiling(milli / divisorMilli)).ToString(CultureInfo.InvariantCulture);
        }
        return ((long)Math.Ceiling(Math.Ceiling(value) / Math.Ceiling(divisor))).ToString(CultureInfo.InvariantCulture);
    }
}
