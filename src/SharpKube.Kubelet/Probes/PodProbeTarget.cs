using k8s.Models;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// What the probe workers of one pod share: the latest pod object and pod IP the kubelet handed over (both may
/// change between syncs, e.g. the IP once the sandbox is up, the deletion timestamp once it is deleted), and the
/// workers themselves keyed by container instance and probe kind.
/// </summary>
internal sealed class PodProbeTarget(V1Pod pod, string? podIp)
{
    private volatile V1Pod _pod = pod;
    private volatile string? _podIp = podIp;

    /// <summary>The latest pod object.</summary>
    public V1Pod Pod => _pod;

    /// <summary>The latest pod IP, if known.</summary>
    public string? PodIp => _podIp;

    /// <summary>The running workers (guarded by the owning <see cref="ContainerReadiness"/>'s lock).</summary>
    public Dictionary<(string ContainerId, ProbeKind Kind), ProbeWorker> Workers { get; } = [];

    /// <summary>Takes the pod and IP of a newer sync.</summary>
    public void Update(V1Pod pod, string? podIp)
    {
        _pod = pod;
        _podIp = podIp;
    }
}
