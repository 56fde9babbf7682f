using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// Finds what an exec, attach or port-forward request means among the pods the kubelet runs: the pod by namespace and
/// name (and uid when the path gives one), then, through the runtime's labels, its running container or ready sandbox.
/// </summary>
internal sealed class StreamTargetLocator(Func<IReadOnlyList<V1Pod>> pods, RuntimePodReader reader)
{
    /// <summary>The running instance of <paramref name="container"/> in pod <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public async Task<StreamTarget> ContainerAsync(string ns, string name, string? uid, string container, CancellationToken cancellationToken)
    {
        if (Find(ns, name, uid, out var missing) is not { } pod)
        {
            return missing;
        }
        var runtime = await reader.ReadAsync(pod.Metadata.Uid, cancellationToken).ConfigureAwait(false);
        var running = runtime.Containers.FirstOrDefault(c => c.Metadata?.Name == container && c.State == ContainerState.ContainerRunning);
        return running is null ? StreamTarget.ContainerNotFound(container) : StreamTarget.Found(running.Id);
    }

    /// <summary>The ready sandbox of pod <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public async Task<StreamTarget> SandboxAsync(string ns, string name, string? uid, CancellationToken cancellationToken)
    {
        if (Find(ns, name, uid, out var missing) is not { } pod)
        {
            return missing;
        }
        var runtime = await reader.ReadAsync(pod.Metadata.Uid, cancellationToken).ConfigureAwait(false);
        var ready = runtime.Sandboxes.FirstOrDefault(s => s.State == PodSandboxState.SandboxReady);
        return ready is null ? StreamTarget.SandboxNotFound(name, ns) : StreamTarget.Found(ready.Id);
    }

    /// <summary>Whether the kubelet runs the pod; the error to answer otherwise.</summary>
    public bool Exists(string ns, string name, string? uid, out StreamTarget missing) => Find(ns, name, uid, out missing) is not null;

    private V1Pod? Find(string ns, string name, string? uid, out StreamTarget missing)
    {
        var pod = pods().FirstOrDefault(p => p.Metadata?.NamespaceProperty == ns && p.Metadata.Name == name);
        missing = pod is null ? StreamTarget.PodDoesNotExist : StreamTarget.PodUidMismatch;
        return pod is not null && (string.IsNullOrEmpty(uid) || pod.Metadata.Uid == uid) ? pod : null;
    }
}
