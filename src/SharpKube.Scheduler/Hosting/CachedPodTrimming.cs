using k8s.Models;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// What the scheduler's pod informer keeps of each pod: everything it schedules by — metadata without managedFields,
/// the spec with each container cut to its name, image, resource requests, host ports and restart policy, and the status's
/// phase, QoS class, DisruptionTarget condition (and PodScheduled while the pod waits for a node), nomination and start time. Environment, commands, mounts,
/// probes, the pod's security context, limits (the scheduler counts requests, which the API server defaults from limits) and the kubelet's
/// container statuses are dropped, and repeated strings, container lists and statuses are shared (<see cref="CachedStrings"/>): at 50,000 pods these
/// would be most of the scheduler's memory. Nothing the scheduler writes is built from a cached pod as a whole (its
/// status writes are patches of single fields), so trimming loses nothing.
/// </summary>
public static class CachedPodTrimming
{
    /// <summary>Trims <paramref name="pod"/> in place (it is freshly decoded and no one else's) and returns it.</summary>
    public static V1Pod Trim(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
            metadata.NamespaceProperty = CachedStrings.Share(metadata.NamespaceProperty);
            metadata.GenerateName = CachedStrings.Share(metadata.GenerateName);
            metadata.Labels = CachedStrings.Share(metadata.Labels);
        }
        if (pod.Spec is { } spec)
        {
            spec.Containers = TrimContainers(spec.Containers);
            spec.InitContainers = TrimContainers(spec.InitContainers);
            spec.EphemeralContainers = null;
            spec.NodeName = CachedStrings.Share(spec.NodeName);
            spec.SchedulerName = CachedStrings.Share(spec.SchedulerName);
            spec.ServiceAccountName = CachedStrings.Share(spec.ServiceAccountName);
            spec.DnsPolicy = CachedStrings.Share(spec.DnsPolicy);
            spec.RestartPolicy = CachedStrings.Share(spec.RestartPolicy);
            spec.PreemptionPolicy = CachedStrings.Share(spec.PreemptionPolicy);
            spec.PriorityClassName = CachedStrings.Share(spec.PriorityClassName);
            spec.NodeSelector = CachedStrings.Share(spec.NodeSelector);
            spec.SecurityContext = null;
            spec.Tolerations = CachedStrings.Share(spec.Tolerations);
        }
        if (pod.Status is { } status)
        {
            // A new status with only what scheduling reads (kubelet's container statuses, addresses, reason and
            // message dropped), shared between pods that agree on all of it.
            pod.Status = CachedStrings.Share(new V1PodStatus
            {
                Phase = CachedStrings.Share(status.Phase),
                QosClass = CachedStrings.Share(status.QosClass),
                StartTime = status.StartTime,
                NominatedNodeName = CachedStrings.Share(status.NominatedNodeName),
                Conditions = SchedulingConditions(status.Conditions, assigned: !string.IsNullOrEmpty(pod.Spec?.NodeName)),
            });
        }
        return pod;
    }

    /// <summary>DisruptionTarget (preemption skips victims already on their way out); PodScheduled only while unassigned.</summary>
    private static List<V1PodCondition>? SchedulingConditions(IList<V1PodCondition>? conditions, bool assigned)
    {
        List<V1PodCondition>? kept = null;
        foreach (var condition in conditions ?? [])
        {
            if (condition.Type is "DisruptionTarget" || (condition.Type is "PodScheduled" && !assigned))
            {
                condition.Type = CachedStrings.Share(condition.Type);
                condition.Status = CachedStrings.Share(condition.Status);
                condition.Reason = CachedStrings.Share(condition.Reason);
                (kept ??= []).Add(condition);
            }
        }
        return kept;
    }

    private static List<V1ContainerPort>? HostPorts(IList<V1ContainerPort>? ports)
    {
        List<V1ContainerPort>? kept = null;
        foreach (var port in ports ?? [])
        {
            if (port.HostPort is > 0)
            {
                port.Protocol = CachedStrings.Share(port.Protocol);
                port.Name = CachedStrings.Share(port.Name);
                port.HostIP = CachedStrings.Share(port.HostIP);
                (kept ??= []).Add(port);
            }
        }
        return kept;
    }

    /// <summary>
    /// New containers with only what scheduling reads — name, image, restart policy (sidecars), requests (limits are
    /// dropped: the API server defaults requests from them) and host ports — shared between pods of one template.
    /// </summary>
    private static List<V1Container>? TrimContainers(IList<V1Container>? containers)
    {
        if (containers is null)
        {
            return null;
        }
        var trimmed = new List<V1Container>(containers.Count);
        foreach (var container in containers)
        {
            trimmed.Add(new V1Container
            {
                Name = CachedStrings.Share(container.Name),
                Image = CachedStrings.Share(container.Image),
                RestartPolicy = CachedStrings.Share(container.RestartPolicy),
                Resources = container.Resources is { } resources
                    ? new V1ResourceRequirements { Requests = CachedStrings.Share(resources.Requests) }
                    : null,
                // Only host ports matter to scheduling (NodePorts).
                Ports = HostPorts(container.Ports),
            });
        }
        return CachedStrings.Share(trimmed);
    }
}
