using k8s.Models;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// What the scheduler's pod informer keeps of each pod: everything it schedules by — metadata without managedFields,
/// the spec with each container cut to its name, image, resources, ports and restart policy, and the status's phase,
/// conditions, nomination and start time. Environment, commands, mounts, probes and the kubelet's container statuses
/// are dropped: at 50,000 pods they would be most of the scheduler's memory. Nothing the scheduler writes is built
/// from a cached pod as a whole (its status writes are patches of single fields), so trimming loses nothing.
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
        }
        if (pod.Spec is { } spec)
        {
            TrimContainers(spec.Containers);
            TrimContainers(spec.InitContainers);
            spec.EphemeralContainers = null;
        }
        if (pod.Status is { } status)
        {
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

    private static void TrimContainers(IList<V1Container>? containers)
    {
        foreach (var container in containers ?? [])
        {
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
