using System.Collections.Concurrent;
using k8s.Models;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// What VolumeBinding's PreFilter found out about a pod's claims, and what Filter chose per node: the claims already
/// bound (with their volumes' names), the claims still to bind (smallest request first, as upstream tries them), and
/// for each node that fits, the volume picked for each claim. Filter runs in parallel, hence the concurrent map.
/// </summary>
internal sealed class VolumeBindingState
{
    /// <summary>State for a pod whose claims are <paramref name="bound"/> and <paramref name="toBind"/>.</summary>
    public VolumeBindingState(IReadOnlyList<V1PersistentVolumeClaim> bound, IReadOnlyList<V1PersistentVolumeClaim> toBind)
    {
        Bound = bound;
        ToBind = toBind;
    }

    /// <summary>Claims bound to a volume.</summary>
    public IReadOnlyList<V1PersistentVolumeClaim> Bound { get; }

    /// <summary>WaitForFirstConsumer claims still to bind, by increasing request.</summary>
    public IReadOnlyList<V1PersistentVolumeClaim> ToBind { get; }

    /// <summary>Per node that fits, the volume Filter picked for each claim of <see cref="ToBind"/>.</summary>
    public ConcurrentDictionary<string, VolumeBindingDecision[]> ChosenByNode { get; } = new(StringComparer.Ordinal);

    /// <summary>The bindings Reserve assumed on the chosen node (empty when there is nothing to bind).</summary>
    public VolumeBindingDecision[] Reserved { get; set; } = [];
}
