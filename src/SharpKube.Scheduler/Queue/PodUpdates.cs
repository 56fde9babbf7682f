using k8s;
using k8s.Models;

namespace SharpKube.Scheduler.Queue;

/// <summary>
/// Whether a pending pod changed in a way that could change where it fits: anything but its status and the
/// bookkeeping fields of its metadata (resourceVersion, generation, managedFields), as upstream's <c>isPodUpdated</c>.
/// </summary>
internal static class PodUpdates
{
    public static bool IsMeaningful(V1Pod oldPod, V1Pod newPod)
    {
        if (ReferenceEquals(oldPod, newPod))
        {
            return false;
        }
        var (oldMeta, newMeta) = (oldPod.Metadata, newPod.Metadata);
        if (!SameMap(oldMeta?.Labels, newMeta?.Labels) || !SameMap(oldMeta?.Annotations, newMeta?.Annotations)
            || oldMeta?.DeletionTimestamp != newMeta?.DeletionTimestamp || !SameList(oldMeta?.Finalizers, newMeta?.Finalizers))
        {
            return true;
        }
        return KubernetesJson.Serialize(oldPod.Spec) != KubernetesJson.Serialize(newPod.Spec);
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }
        if (a is null || b is null)
        {
            return true;
        }
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameList(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? []);
}
