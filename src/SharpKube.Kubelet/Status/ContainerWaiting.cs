namespace SharpKube.Kubelet.Status;

/// <summary>
/// Why a container is not running although the kubelet wants it to: the waiting state the pod's status reports,
/// e.g. <c>ContainerCreating</c>, <c>CrashLoopBackOff</c>, <c>ErrImagePull</c>, <c>CreateContainerConfigError</c>.
/// </summary>
public sealed record ContainerWaiting(string Reason, string? Message = null)
{
    /// <summary>The container is being created (the default while a pod starts).</summary>
    public static readonly ContainerWaiting Creating = new("ContainerCreating");

    /// <summary>A container that waits for init containers to finish.</summary>
    public static readonly ContainerWaiting Initializing = new("PodInitializing");
}
