using k8s.Models;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// What the fleet keeps of the Nodes and Pods it follows: only its own, and of those only the fields it reads. A
/// node's labels, pod network and conditions; a pod's identity, node, containers' names and images, phase, IP, start
/// time and Ready condition — a few hundred bytes instead of several kilobytes per pod.
/// </summary>
internal static class InformerTransforms
{
    /// <summary>The trimmed copy of one of the fleet's nodes (labels, pod network, conditions), or null for another node.</summary>
    public static V1Node? Node(V1Node node, FleetLayout fleet)
    {
        var metadata = node.Metadata;
        if (fleet.Find(metadata?.Name) is null)
        {
            return null;
        }
        return new V1Node
        {
            ApiVersion = node.ApiVersion,
            Kind = node.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = metadata!.Name,
                Labels = metadata.Labels,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
                DeletionTimestamp = metadata.DeletionTimestamp,
            },
            Spec = new V1NodeSpec { PodCIDR = node.Spec?.PodCIDR, PodCIDRs = node.Spec?.PodCIDRs },
            Status = new V1NodeStatus
            {
                Conditions = node.Status?.Conditions?.Select(c => new V1NodeCondition
                {
                    Type = c.Type,
                    Status = c.Status,
                    Reason = c.Reason,
                    Message = c.Message,
                    LastHeartbeatTime = c.LastHeartbeatTime,
                    LastTransitionTime = c.LastTransitionTime,
                }).ToList(),
            },
        };
    }

    /// <summary>The trimmed copy of a pod bound to one of the fleet's nodes, or null for a pod elsewhere.</summary>
    public static V1Pod? Pod(V1Pod pod, FleetLayout fleet)
    {
        if (fleet.Find(pod.Spec?.NodeName) is null)
        {
            return null;
        }
        var metadata = pod.Metadata;
        var status = pod.Status;
        var ready = status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
                DeletionTimestamp = metadata.DeletionTimestamp,
            },
            Spec = new V1PodSpec
            {
                NodeName = pod.Spec!.NodeName,
                HostNetwork = pod.Spec.HostNetwork,
                Containers = Containers(pod.Spec.Containers),
                InitContainers = pod.Spec.InitContainers is { Count: > 0 } init ? Containers(init) : null,
            },
            Status = new V1PodStatus
            {
                Phase = status?.Phase,
                PodIP = status?.PodIP,
                StartTime = status?.StartTime,
                Conditions = ready is null ? null : [new V1PodCondition { Type = ready.Type, Status = ready.Status }],
            },
        };
    }

    private static List<V1Container> Containers(IList<V1Container>? containers) =>
        containers?.Select(c => new V1Container { Name = c.Name, Image = c.Image, RestartPolicy = c.RestartPolicy }).ToList() ?? [];
}
