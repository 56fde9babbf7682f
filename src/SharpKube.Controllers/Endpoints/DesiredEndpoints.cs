using k8s.Models;
using SharpKube.Controllers.EndpointSlice;
using SharpKube.Controllers.ServiceEndpoints;

namespace SharpKube.Controllers.Endpoints;

/// <summary>
/// The core/v1 Endpoints of a Service: its selected pods' addresses, ready ones in <c>addresses</c> and others in
/// <c>notReadyAddresses</c>, packed into one subset per distinct port set; terminating pods are left out unless the
/// service publishes not-ready addresses. At most <see cref="MaxAddresses"/> addresses are kept.
/// </summary>
public static class DesiredEndpoints
{
    /// <summary>Upstream's cap on the addresses of one Endpoints object.</summary>
    public const int MaxAddresses = 1000;

    /// <summary>The annotation marking an Endpoints object whose addresses were cut to the cap.</summary>
    public const string OverCapacity = "endpoints.kubernetes.io/over-capacity";

    /// <summary>The Endpoints object the service should have.</summary>
    public static V1Endpoints Compute(V1Service service, IEnumerable<V1Pod> pods, V1Endpoints? existing)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses ?? false;
        var subsets = new Dictionary<string, V1EndpointSubset>(StringComparer.Ordinal);
        var count = 0;
        foreach (var pod in pods.Where(p => ServicePods.Selects(service, p.Metadata?.Labels) && ServicePods.IsCandidate(p))
                     .OrderBy(p => p.Status.PodIP, StringComparer.Ordinal))
        {
            if (ServicePods.IsTerminating(pod) && !publishNotReady)
            {
                continue;
            }
            var ports = PortsOf(service, pod);
            if (ports is null)
            {
                continue;
            }
            var signature = string.Join(",", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}/{p.AppProtocol}"));
            if (!subsets.TryGetValue(signature, out var subset))
            {
                subset = new V1EndpointSubset { Ports = ports.Count == 0 ? null : ports };
                subsets.Add(signature, subset);
            }
            if (count++ >= MaxAddresses)
            {
                continue;
            }
            var address = new V1EndpointAddress
            {
                Ip = pod.Status.PodIP,
                Hostname = ServicePods.Hostname(pod, service),
                NodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName,
                TargetRef = new V1ObjectReference
                {
                    Kind = "Pod",
                    NamespaceProperty = pod.Metadata.NamespaceProperty,
                    Name = pod.Metadata.Name,
                    Uid = pod.Metadata.Uid,
                },
            };
            if (publishNotReady || ServicePods.IsReady(pod))
            {
                (subset.Addresses ??= []).Add(address);
            }
            else
            {
                (subset.NotReadyAddresses ??= []).Add(address);
            }
        }
        var annotations = new Dictionary<string, string>(existing?.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(OverCapacity);
        if (count > MaxAddresses)
        {
            annotations[OverCapacity] = "truncated";
        }
        var labels = EndpointSliceLabels.For(service);
        labels.Remove(EndpointSliceLabels.ServiceName);
        labels.Remove(EndpointSliceLabels.ManagedBy);
        return new V1Endpoints
        {
            ApiVersion = "v1",
            Kind = "Endpoints",
            Metadata = new V1ObjectMeta
            {
                Name = service.Metadata.Name,
                NamespaceProperty = service.Metadata.NamespaceProperty,
                ResourceVersion = existing?.Metadata?.ResourceVersion,
                Labels = labels.Count == 0 ? null : labels,
                Annotations = annotations.Count == 0 ? null : annotations,
            },
            Subsets = subsets.Values.Where(s => s.Addresses is not null || s.NotReadyAddresses is not null).ToList(),
        };
    }

    /// <summary>The pod's ports for the service; null when a port the service names cannot be resolved on it.</summary>
    private static List<Corev1EndpointPort>? PortsOf(V1Service service, V1Pod pod)
    {
        var ports = new List<Corev1EndpointPort>();
        foreach (var servicePort in service.Spec?.Ports ?? [])
        {
            if (ServicePortTarget.Resolve(servicePort, pod) is not { } number)
            {
                // Upstream leaves a pod out of a port it does not declare but keeps it for the others.
                continue;
            }
            ports.Add(new Corev1EndpointPort
            {
                Name = string.IsNullOrEmpty(servicePort.Name) ? null : servicePort.Name,
                Port = number,
                Protocol = servicePort.Protocol ?? "TCP",
                AppProtocol = servicePort.AppProtocol,
            });
        }
        return ports;
    }
}
