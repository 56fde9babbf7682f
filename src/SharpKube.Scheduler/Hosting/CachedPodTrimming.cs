using k8s.Models;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// What the scheduler's pod informer keeps of each pod: everything it schedules by — metadata without managedFields,
/// the spec with each container cut to its name, image, resource requests, host ports and restart policy, and the status's
/// phase, DisruptionTarget condition (and PodScheduled while the pod waits for a node), nomination and start time. Environment, commands, mounts,
/// probes, the pod's security context, limits (the scheduler counts requests, which the API server defaults from limits) and the kubelet's
/// container statuses are dropped, and repeated strings are shared (<see cref="CachedStrings"/>): at 50,000 pods these
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
            TrimContainers(spec.Containers);
            TrimContainers(spec.InitContainers);
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
            status.Phase = CachedStrings.Share(status.Phase);
            status.QosClass = CachedStrings.Share(status.QosClass);
            status.Conditions = SchedulingConditions(status.Conditions, assigned: !string.IsNullOrEmpty(pod.Spec?.NodeName));
            status.ContainerStatuses = null;
            status.InitContainerStatuses = null;
            status.EphemeralContainerStatuses = null;
            status.HostIP = null;
            status.HostIPs = null;
            status.PodIP = null;
            status.PodIPs = null;
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

    private static void TrimContainers(IList<V1Container>? containers)
    {
        foreach (var container in containers ?? [])
        {
            container.Name = CachedStrings.Share(container.Name);
            container.Image = CachedStrings.Share(container.Image);
            container.RestartPolicy = CachedStrings.Share(container.RestartPolicy);
            if (container.Resources is { } resources)
            {
                resources.Limits = null;
                resources.Requests = CachedStrings.Share(resources.Requests);
            }
            // Only host ports matter to scheduling (NodePorts).
            container.Ports = HostPorts(container.Ports);
            container.Env = null;
            container.EnvFrom = null;
            container.Command = null;
            container.Args = null;
            container.VolumeMounts = null;
            container.VolumeDevices = null;
            container.LivenessProbe = null;
            container.ReadinessProbe = null;
            container.StartupProbe = null;
            container.Lifecycle = null;
            container.SecurityContext = null;
            container.WorkingDir = null;
            container.TerminationMessagePath = null;
            container.TerminationMessagePolicy = null;
            container.ImagePullPolicy = null;
            container.ResizePolicy = null;
        }
    }
}
