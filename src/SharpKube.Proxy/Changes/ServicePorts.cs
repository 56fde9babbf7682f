using System.Net;
using k8s.Models;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Changes;

/// <summary>Reads the <see cref="ServicePortInfo"/>s of a Service: none for headless and ExternalName Services.</summary>
public static class ServicePorts
{
    /// <summary>Upstream's default <c>sessionAffinityConfig.clientIP.timeoutSeconds</c>: three hours.</summary>
    public const int DefaultStickySeconds = 10800;

    /// <summary>The ports of <paramref name="service"/> the proxy programs.</summary>
    public static IReadOnlyList<ServicePortInfo> Of(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec;
        if (spec is null || spec.Type == "ExternalName")
        {
            return [];
        }
        var clusterIPs = Addresses(spec.ClusterIPs is { Count: > 0 } ips ? ips : spec.ClusterIP is { } one ? [one] : []);
        if (clusterIPs.Count == 0)
        {
            // Headless (clusterIP: None) or not yet allocated: nothing to program.
            return [];
        }
        var ns = service.Metadata?.NamespaceProperty ?? "default";
        var name = service.Metadata?.Name ?? "";
        var nodePorts = spec.Type is "NodePort" or "LoadBalancer";
        var externalIPs = Addresses(spec.ExternalIPs);
        var loadBalancerIPs = spec.Type == "LoadBalancer"
            ? Addresses(service.Status?.LoadBalancer?.Ingress?.Select(i => i.Ip).Where(ip => ip is not null).ToList()!)
            : [];
        var externallyReachable = nodePorts || externalIPs.Count > 0;
        var externalLocal = externallyReachable && spec.ExternalTrafficPolicy == "Local";
        var sticky = spec.SessionAffinity == "ClientIP" ? spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? DefaultStickySeconds : 0;

        var ports = new List<ServicePortInfo>();
        foreach (var port in spec.Ports ?? [])
        {
            ports.Add(new ServicePortInfo
            {
                Name = new ServicePortName(ns, name, port.Name ?? "", Protocol(port.Protocol)),
                ClusterIPs = clusterIPs,
                Port = port.Port,
                NodePort = nodePorts ? port.NodePort ?? 0 : 0,
                ExternalIPs = externalIPs,
                LoadBalancerIPs = loadBalancerIPs,
                StickySeconds = sticky,
                ExternalPolicyLocal = externalLocal,
                InternalPolicyLocal = spec.InternalTrafficPolicy == "Local",
                HealthCheckNodePort = externalLocal ? spec.HealthCheckNodePort ?? 0 : 0,
            });
        }
        return ports;
    }

    /// <summary>A Service or EndpointSlice port protocol (TCP when absent).</summary>
    public static ServiceProtocol Protocol(string? protocol) => protocol switch
    {
        "UDP" => ServiceProtocol.Udp,
        "SCTP" => ServiceProtocol.Sctp,
        _ => ServiceProtocol.Tcp,
    };

    private static List<IPAddress> Addresses(IEnumerable<string>? texts)
    {
        var addresses = new List<IPAddress>();
        foreach (var text in texts ?? [])
        {
            if (IPAddress.TryParse(text, out var address))
            {
                addresses.Add(address);
            }
        }
        return addresses;
    }
}
