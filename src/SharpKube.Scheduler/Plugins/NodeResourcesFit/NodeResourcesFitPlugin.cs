using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// Filter: the node has room for the pod's requests — pod count (<c>Too many pods</c>), cpu, memory, ephemeral
/// storage and scalar resources (<c>Insufficient cpu</c>, …); a request larger than the node's whole allocatable
/// makes the rejection unresolvable (preemption cannot help). Score: LeastAllocated (default), MostAllocated or RequestedToCapacityRatio over
/// the configured resources, cpu and memory counted with the 100m / 200 MiB non-zero defaults.
/// </summary>
public sealed class NodeResourcesFitPlugin : IFilterPlugin, IScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesFit";

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Pod, ActionType.Delete | ActionType.UpdatePodScaleDown, "AssignedPodDeleteOrScaleDown"),
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeAllocatable, "NodeAddOrAllocatableChange"),
    ];

    private readonly NodeResourcesFitArgs _args;

    // An array, not the args' list: Score runs per node, and a foreach over an interface would allocate each time.
    private readonly ScoredResource[] _scored;
    private readonly UtilizationShapePoint[] _shape;

    /// <summary>A plugin with <paramref name="args"/> (null: the defaults).</summary>
    public NodeResourcesFitPlugin(NodeResourcesFitArgs? args = null)
    {
        _args = args ?? new NodeResourcesFitArgs();
        _scored = [.. _args.Resources];
        _shape = [.. _args.Shape];
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var mask = 0;
        var unresolvable = false;
        if (node.Pods.Count + 1 > node.Allocatable.AllowedPodNumber)
        {
            mask |= FitStatuses.TooManyPods;
        }
        var request = pod.Requests;
        if (request.IsZero)
        {
            return mask == 0 ? Status.Success : FitStatuses.For(mask, false, null);
        }
        var allocatable = node.Allocatable;
        var requested = node.Requested;
        Check(request.MilliCpu, allocatable.MilliCpu, requested.MilliCpu, FitStatuses.Cpu, ref mask, ref unresolvable);
        Check(request.Memory, allocatable.Memory, requested.Memory, FitStatuses.Memory, ref mask, ref unresolvable);
        Check(request.EphemeralStorage, allocatable.EphemeralStorage, requested.EphemeralStorage, FitStatuses.EphemeralStorage, ref mask, ref unresolvable);
        List<string>? scalarReasons = null;
        var scalars = request.ScalarResources;
        for (var i = 0; i < scalars.Count; i++)
        {
            var (name, amount) = scalars[i];
            if (amount == 0 || IsIgnored(name))
            {
                continue;
            }
            var capacity = allocatable.Scalar(name);
            if (amount > capacity - requested.Scalar(name))
            {
                (scalarReasons ??= []).Add("Insufficient " + name);
                unresolvable |= amount > capacity;
            }
        }
        return mask == 0 && scalarReasons is null ? Status.Success : FitStatuses.For(mask, unresolvable, scalarReasons);
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        long total = 0, weights = 0;
        foreach (var resource in _scored)
        {
            var (requested, allocatable) = RequestedAndAllocatable(resource.Name, pod, node);
            if (allocatable == 0)
            {
                continue;
            }
            total += _args.ScoringStrategy switch
            {
                ScoringStrategyType.LeastAllocated => LeastRequestedScore(requested, allocatable),
                ScoringStrategyType.MostAllocated => MostRequestedScore(requested, allocatable),
                _ => RequestedToCapacityRatioScorer.Score(requested, allocatable, _shape),
            } * resource.Weight;
            weights += resource.Weight;
        }
        // Upstream rounds RequestedToCapacityRatio's weighted mean and truncates the others'.
        score = weights == 0 ? 0
            : _args.ScoringStrategy == ScoringStrategyType.RequestedToCapacityRatio ? (total + (weights / 2)) / weights : total / weights;
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;

    /// <summary>Free share after placing the pod, scaled to 0..100 (0 when it does not fit).</summary>
    internal static long LeastRequestedScore(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * NodeScore.MaxNodeScore / capacity;

    /// <summary>Used share after placing the pod, scaled to 0..100 (over capacity counts as full).</summary>
    internal static long MostRequestedScore(long requested, long capacity) =>
        capacity == 0 ? 0 : Math.Min(requested, capacity) * NodeScore.MaxNodeScore / capacity;

    private static void Check(long request, long allocatable, long requested, int bit, ref int mask, ref bool unresolvable)
    {
        if (request > 0 && request > allocatable - requested)
        {
            mask |= bit;
            unresolvable |= request > allocatable;
        }
    }

    /// <summary>What would be requested on the node with the pod, and what it has, for one scored resource.</summary>
    internal static (long Requested, long Allocatable) RequestedAndAllocatable(string resource, PodInfo pod, NodeInfo node) => resource switch
    {
        ResourceNames.Cpu => (node.NonZeroRequestedMilliCpu + pod.NonZeroMilliCpu, node.Allocatable.MilliCpu),
        ResourceNames.Memory => (node.NonZeroRequestedMemory + pod.NonZeroMemory, node.Allocatable.Memory),
        ResourceNames.EphemeralStorage => (node.Requested.EphemeralStorage + pod.Requests.EphemeralStorage, node.Allocatable.EphemeralStorage),
        // A scalar resource the pod does not ask for does not count: it would favour nodes without it for no reason.
        _ when pod.Requests.Scalar(resource) is var amount && amount > 0 => (node.Requested.Scalar(resource) + amount, node.Allocatable.Scalar(resource)),
        _ => (0, 0),
    };

    private bool IsIgnored(string name)
    {
        if (!ResourceNames.IsExtended(name))
        {
            return false;
        }
        if (_args.IgnoredResources.Contains(name))
        {
            return true;
        }
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && _args.IgnoredResourceGroups.Contains(name[..slash]);
    }
}
