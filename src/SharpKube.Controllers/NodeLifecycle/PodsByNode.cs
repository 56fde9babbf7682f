using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>The pod informer's index by <c>spec.nodeName</c>, shared by the controllers that act on a node's pods.</summary>
public static class PodsByNode
{
    /// <summary>The index name, as upstream's.</summary>
    public const string IndexName = "spec.nodeName";

    /// <summary>Adds the index to <paramref name="pods"/> unless another controller has added it.</summary>
    public static void EnsureIndex(SharedInformer<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        try
        {
            pods.AddIndexer(IndexName, pod => pod.Spec?.NodeName is { Length: > 0 } node ? [node] : []);
        }
        catch (ArgumentException)
        {
            // Added already by another controller sharing the informer.
        }
    }

    /// <summary>The pods bound to <paramref name="nodeName"/>.</summary>
    public static IReadOnlyList<V1Pod> On(SharedInformer<V1Pod> pods, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(pods);
        return pods.Indexer.ByIndex(IndexName, nodeName);
    }
}
