using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeResourcesFit;

namespace SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// Score: favours nodes whose resources (cpu and memory unless the <c>resources</c> argument says otherwise) would be
/// used in the same proportion once the pod is there. Each resource's fraction is (what the node's pods request + what
/// the pod requests) / allocatable, counted for cpu and memory with the 100m / 200 MiB non-zero defaults, and capped at
/// 1; a resource the node has none of, or an extended resource the pod does not ask for, does not count. The score is
/// (1 − standard deviation of the fractions) × 100, which for two resources is 100 − |a − b| / 2 × 100 (upstream 1.32).
/// </summary>
public sealed class NodeResourcesBalancedAllocationPlugin : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesBalancedAllocation";

    private readonly string[] _resources;

    /// <summary>A plugin balancing <paramref name="args"/>' resources (cpu and memory by default).</summary>
    public NodeResourcesBalancedAllocationPlugin(NodeResourcesBalancedAllocationArgs? args = null) =>
        _resources = [.. (args ?? new()).Resources.Select(r => r.Name)];

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        Span<double> fractions = stackalloc double[_resources.Length];
        var count = 0;
        foreach (var resource in _resources)
        {
            var (requested, allocatable) = NodeResourcesFitPlugin.RequestedAndAllocatable(resource, pod, node);
            if (allocatable != 0)
            {
                fractions[count++] = Math.Min(1.0, (double)requested / allocatable);
            }
        }
        score = BalancedScore(fractions[..count]);
        return Status.Success;
    }

    /// <summary>
    /// (1 − standard deviation) × 100 of <paramref name="fractions"/>, truncated as upstream's <c>int64(...)</c>; for
    /// two values the deviation is half their distance, for fewer it is 0.
    /// </summary>
    internal static long BalancedScore(ReadOnlySpan<double> fractions)
    {
        double std = 0;
        if (fractions.Length == 2)
        {
            std = Math.Abs(fractions[0] - fractions[1]) / 2;
        }
        else if (fractions.Length > 2)
        {
            double mean = 0;
            foreach (var f in fractions)
            {
                mean += f;
            }
            mean /= fractions.Length;
            double sum = 0;
            foreach (var f in fractions)
            {
                sum += (f - mean) * (f - mean);
            }
            std = Math.Sqrt(sum / fractions.Length);
        }
        return (long)((1 - std) * NodeScore.MaxNodeScore);
    }
}
