using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Status;

/// <summary>
/// Writes pod statuses to the API server as upstream's status manager does: a strategic merge patch of
/// <c>pods/status</c>, and only when the status differs from the one last written for that pod.
/// </summary>
public sealed class PodStatusWriter(ResourceClient<V1Pod> pods)
{
    private readonly ConcurrentDictionary<string, string> _lastWritten = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="status"/> for <paramref name="pod"/> unless it was the last one written; returns whether it wrote.</summary>
    public async Task<bool> WriteAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken)
    {
        var json = KubernetesJson.Serialize(status);
        var uid = pod.Metadata.Uid;
        if (_lastWritten.TryGetValue(uid, out var last) && last == json)
        {
            return false;
        }
        var isStatic = StaticPods.IsStatic(pod);
        // A static pod's status goes to its mirror pod, which has a uid of its own.
        var patch = new V1Pod { Status = status, Metadata = isStatic ? null : new V1ObjectMeta { Uid = uid } };
        try
        {
            await pods.PatchStatusWithoutResultAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name,
                new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (isStatic && ApiErrors.IsNotFound(e))
        {
            // No mirror pod yet: the status is written once it exists.
            return false;
        }
        _lastWritten[uid] = json;
        return true;
    }

    /// <summary>Forgets pod <paramref name="uid"/> (it is gone).</summary>
    public void Forget(string uid) => _lastWritten.TryRemove(uid, out _);
}
