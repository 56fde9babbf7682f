using System.Net;
using k8s.Models;

namespace SharpKube.Controllers.ServiceLoadBalancer;

/// <summary>Which Services the built-in load balancer serves, and which node addresses it gives them.</summary>
internal static class LoadBalancerNodes
{
    /// <summary>A LoadBalancer Service that names no other load-balancer implementation.</summary>
    public static bool IsOurs(V1Service service) =>
        service.Spec?.Type == "LoadBalancer" && string.IsNullOrEmpty(service.Spec.LoadBalancerClass);

    /// <summary>The address a node contributes to the ingress: its InternalIP while it is Ready, else none.</summary>
    public static string? IngressAddress(V1Node node)
    {
        var ready = node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        if (!ready || node.Metadata.DeletionTimestamp is not null)
        {
            return null;
        }
        return node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP" && IPAddress.TryParse(a.Address, out _))?.Address;
    }

    /// <summary>The ingress addresses of <paramref name="nodes"/>, sorted so that the status only changes when they do.</summary>
    public static List<string> IngressAddresses(IEnumerable<V1Node> nodes) =>
        nodes.Select(IngressAddress).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
