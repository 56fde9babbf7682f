using System.Net;
using System.Text.Json;
using k8s.Models;
using SharpKube.Controllers.ServiceEndpoints;

namespace SharpKube.Controllers.EndpointSlice;

/// <summary>
/// The endpoints a Service should have, grouped by the port set they expose (pods resolving a named target port
/// differently end up in different slices) and keyed by the pod they come from.
/// </summary>
public sealed class DesiredSlices
{
    private DesiredSlices(Dictionary<string, PortGroup> groups) => Groups = groups;

    /// <summary>The groups, by port signature.</summary>
    public IReadOnlyDictionary<string, PortGroup> Groups { get; }

    /// <summary>Endpoints sharing one port set.</summary>
    /// <param name="AddressType">IPv4 or IPv6.</param>
    /// <param name="Ports">The ports, in the service's order.</param>
    /// <param name="Endpoints">The endpoints by key (the pod's uid), in pod-name order.</param>
    public sealed record PortGroup(string AddressType, List<Discoveryv1EndpointPort> Ports, Dictionary<string, V1Endpoint> Endpoints);

    /// <summary>Computes the desired endpoints of <paramref name="service"/> from the pods in its namespace.</summary>
    public static DesiredSlices Compute(V1Service service, IEnumerable<V1Pod> pods, Func<string, V1Node?> node)
    {
        var groups = new Dictionary<string, PortGroup>(StringComparer.Ordinal);
        var publishNotReady = service.Spec?.PublishNotReadyAddresses ?? false;
        foreach (var pod in pods.Where(p => ServicePods.Selects(service, p.Metadata?.Labels) && ServicePods.IsCandidate(p))
                     .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var ports = new List<Discoveryv1EndpointPort>();
            foreach (var servicePort in service.Spec?.Ports ?? [])
            {
                if (ServicePortTarget.Resolve(servicePort, pod) is { } number)
                {
                    ports.Add(new Discoveryv1EndpointPort
                    {
                        Name = servicePort.Name ?? "",
                        Port = number,
                        Protocol = servicePort.Protocol ?? "TCP",
                        AppProtocol = servicePort.AppProtocol,
                    });
                }
            }
            var ip = pod.Status.PodIP;
            var addressType = IPAddress.TryParse(ip, out var parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? "IPv6" : "IPv4";
            var signature = addressType + JsonSerializer.Serialize(ports.Select(p => new { p.Name, p.Port, p.Protocol, p.AppProtocol }));
            if (!groups.TryGetValue(signature, out var group))
            {
                group = new PortGroup(addressType, ports, new Dictionary<string, V1Endpoint>(StringComparer.Ordinal));
                groups.Add(signature, group);
            }
            group.Endpoints[pod.Metadata.Uid ?? pod.Metadata.Name] = EndpointOf(pod, service, publishNotReady, node);
        }
        return new DesiredSlices(groups);
    }

    /// <summary>The signature of an existing slice's ports, comparable with the groups' keys.</summary>
    public static string SignatureOf(V1EndpointSlice slice) =>
        slice.AddressType + JsonSerializer.Serialize((slice.Ports ?? []).Select(p => new { p.Name, p.Port, p.Protocol, p.AppProtocol }));

    private static V1Endpoint EndpointOf(V1Pod pod, V1Service service, bool publishNotReady, Func<string, V1Node?> node)
    {
        var serving = ServicePods.IsReady(pod);
        var terminating = ServicePods.IsTerminating(pod);
        var nodeName = pod.Spec?.NodeName;
        string? zone = null;
        if (!string.IsNullOrEmpty(nodeName) && node(nodeName)?.Metadata?.Labels is { } nodeLabels)
        {
            nodeLabels.TryGetValue("topology.kubernetes.io/zone", out zone);
        }
        return new V1Endpoint
        {
            Addresses = [pod.Status.PodIP],
            Conditions = new V1EndpointConditions
            {
                // A terminating pod is never "ready", unless the service publishes not-ready addresses.
                Ready = publishNotReady || (serving && !terminating),
                Serving = serving,
                Terminating = terminating,
            },
            Hostname = ServicePods.Hostname(pod, service),
            NodeName = string.IsNullOrEmpty(nodeName) ? null : nodeName,
            Zone = string.IsNullOrEmpty(zone) ? null : zone,
            TargetRef = new V1ObjectReference
            {
                Kind = "Pod",
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Name = pod.Metadata.Name,
                Uid = pod.Metadata.Uid,
            },
        };
    }
}
