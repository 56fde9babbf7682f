using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.ImageLocality;

/// <summary>
/// Score: favours nodes that already have the pod's images. Each init or regular container image the node has adds its
/// size × (nodes that have it / all nodes), so an image everywhere counts for little; the sum is clamped between
/// 23 MB and 1000 MB × the number of containers and scaled to 0..100 (upstream's thresholds and formula).
/// </summary>
public sealed class ImageLocalityPlugin : IPreScorePlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "ImageLocality";

    /// <summary>Below this a node's images earn nothing (upstream: the size of a small base image).</summary>
    internal const long MinThreshold = 23 * Mb;

    /// <summary>Per container, above this the images earn no more.</summary>
    internal const long MaxContainerThreshold = 1000 * Mb;

    private const long Mb = 1024 * 1024;

    private static readonly CycleStateKey<PodImages> PreScoreKey = new("PreScore" + PluginName);

    private readonly FrameworkHandle _handle;

    /// <summary>A plugin that counts the nodes of <paramref name="handle"/>'s snapshot.</summary>
    public ImageLocalityPlugin(FrameworkHandle handle) => _handle = handle;

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        state.Write(PreScoreKey, PodImages.Of(pod));
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var images = state.TryRead(PreScoreKey, out var stored) ? stored : PodImages.Of(pod);
        // All nodes of the cluster, not only the feasible ones: the spread says how common an image is.
        var totalNodes = _handle.Snapshot.NumNodes;
        score = CalculatePriority(SumImageScores(node, images.Names, totalNodes), images.NumContainers);
        return Status.Success;
    }

    /// <summary>Each image the node has, scaled by the share of nodes that have it.</summary>
    internal static long SumImageScores(NodeInfo node, string[][] containerImages, int totalNodes)
    {
        if (totalNodes == 0)
        {
            return 0;
        }
        long sum = 0;
        var states = node.ImageStates;
        foreach (var candidates in containerImages)
        {
            foreach (var name in candidates)
            {
                if (states.TryGetValue(name, out var image))
                {
                    sum += (long)(image.Size * ((double)image.NumNodes / totalNodes));
                    break;
                }
            }
        }
        return sum;
    }

    /// <summary>The sum clamped to [23 MB, 1000 MB × containers] and scaled to 0..100.</summary>
    internal static long CalculatePriority(long sum, int numContainers)
    {
        var maxThreshold = MaxContainerThreshold * numContainers;
        if (maxThreshold <= MinThreshold)
        {
            return NodeScore.MinNodeScore;
        }
        sum = Math.Clamp(sum, MinThreshold, maxThreshold);
        return NodeScore.MaxNodeScore * (sum - MinThreshold) / (maxThreshold - MinThreshold);
    }

    /// <summary>The candidate names of each container's image, worked out once per cycle rather than once per node.</summary>
    private sealed class PodImages
    {
        private PodImages(string[][] names, int numContainers)
        {
            Names = names;
            NumContainers = numContainers;
        }

        public string[][] Names { get; }

        public int NumContainers { get; }

        public static PodImages Of(PodInfo pod)
        {
            var spec = pod.Pod.Spec;
            var containers = (spec?.InitContainers ?? []).Select(c => c.Image).Concat((spec?.Containers ?? []).Select(c => c.Image)).ToArray();
            return new([.. containers.Select(ImageNames.Candidates)], containers.Length);
        }
    }
}
