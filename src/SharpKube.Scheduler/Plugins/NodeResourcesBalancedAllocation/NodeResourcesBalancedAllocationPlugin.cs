using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// Score: favours nodes whose cpu and memory would be used in the same proportion once the pod is there. Each
/// resource's fraction is (what the node's pods request + what the pod requests) / allocatable, counted with the
/// 100m / 200 MiB non-zero defaults and capped at 1; the score is (1 − standard deviation of the fractions) × 100,
/// which for two resources is 100 − |cpu − memory| / 2 × 100 (upstream 1.32, default resources cpu and memory).
/// </summary>
public sealed class NodeResourcesBalancedAllocationPlugin : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesBalancedAllocation";

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var cpu = Fraction(node.NonZeroRequestedMilliCpu + pod.NonZeroMilliCpu, node.Allocatable.MilliCpu);
        var memory = Fraction(node.NonZeroRequestedMemory + pod.NonZeroMemory, node.Allocatable.Memory);
        score = BalancedScore(cpu, memory);
        return Status.Success;
    }

    /// <summary>
    /// (1 − standard deviation) × 100 of the fractions that exist (NaN for a resource the node has none of, which
    /// does not count), truncated as upstream's <c>int64(...)</c>. For two values the deviation is half their distance.
    /// </summary>
    internal static long BalancedScore(double cpu, double memory)
    {
        var std = double.IsNaN(cpu) || double.IsNaN(memory) ? 0 : Math.Abs(cpu - memory) / 2;
        return (long)((1 - std) * NodeScore.MaxNodeScore);
    }

    /// <summary>requested / allocatable capped at 1 (non-zero defaults can overshoot); NaN when nothing is allocatable.</summary>
    private static double Fraction(long requested, long allocatable) =>
        allocatable == 0 ? double.NaN : Math.Min(1.0, (double)requested / allocatable);
}
