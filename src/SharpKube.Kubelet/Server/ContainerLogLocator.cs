using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// Finds the log file a <c>/containerLogs</c> request asks for: the newest instance of the container (or, with
/// <c>previous</c>, the one before it) of a pod the kubelet runs, with a way to tell whether it still runs, or
/// upstream's error when there is none.
/// </summary>
public sealed class ContainerLogLocator(Func<IEnumerable<V1Pod>> pods, RuntimePodReader reader, Func<string, bool> isRunning)
{
    /// <summary>The log source of <paramref name="container"/> in pod <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public async Task<ContainerLogSource> LocateAsync(string ns, string name, string container, bool previous, CancellationToken cancellationToken)
    {
        var pod = pods().FirstOrDefault(p => p.Metadata.NamespaceProperty == ns && p.Metadata.Name == name);
        if (pod is null)
        {
            return ContainerLogSource.PodNotFound(name);
        }
        var known = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).Any(c => c.Name == container);
        if (!known)
        {
            return ContainerLogSource.ContainerNotFound(container, name);
        }
        var state = await reader.ReadAsync(pod.Metadata.Uid, cancellationToken).ConfigureAwait(false);
        var instance = previous ? state.Previous(container) : state.Latest(container);
        if (instance is null || string.IsNullOrEmpty(instance.LogPath))
        {
            if (previous)
            {
                return ContainerLogSource.PreviousNotFound(container, name);
            }
            var waiting = pod.Status?.ContainerStatuses?.Concat(pod.Status.InitContainerStatuses ?? [])
                .FirstOrDefault(s => s.Name == container)?.State?.Waiting?.Reason ?? "ContainerCreating";
            return ContainerLogSource.WaitingToStart(container, name, waiting);
        }
        var id = instance.Id;
        return ContainerLogSource.FromFile(instance.LogPath,
            () => instance.State == ContainerState.ContainerRunning && isRunning(id));
    }
}
