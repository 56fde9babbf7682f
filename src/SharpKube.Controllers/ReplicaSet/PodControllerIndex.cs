using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// An index of the pod cache by controller: a pod with a controller reference is filed under the controller's uid,
/// an orphan under <c>^&lt;namespace&gt;</c> — so a controller finds its own pods and the orphans it may adopt
/// without scanning the namespace (upstream's <c>podControllerUID</c> index).
/// </summary>
public static class PodControllerIndex
{
    /// <summary>The index's name.</summary>
    public const string Name = "podControllerUID";

    /// <summary>Adds the index to the pod cache unless another controller did.</summary>
    public static void AddTo(SharedInformer<V1Pod> pods) => pods.Indexer.TryAddIndexer(Name, IndexValues);

    /// <summary>The index value orphans of <paramref name="ns"/> are filed under.</summary>
    public static string OrphanKey(string? ns) => "^" + ns;

    /// <summary>The pods <paramref name="controllerUid"/> controls, then the orphans of <paramref name="ns"/>.</summary>
    public static IEnumerable<V1Pod> OwnedAndOrphans(SharedInformer<V1Pod> pods, string? ns, string controllerUid) =>
        pods.Indexer.ByIndex(Name, controllerUid).Concat(pods.Indexer.ByIndex(Name, OrphanKey(ns)));

    private static IEnumerable<string> IndexValues(V1Pod pod) =>
        [ControllerRef.Of(pod)?.Uid ?? OrphanKey(pod.Metadata?.NamespaceProperty)];
}
