using k8s.Models;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// PreFilter/Filter: a node is rejected when placing the pod there would make a DoNotSchedule constraint's skew (the
/// matching pods in the node's domain, plus the pod itself, minus the global minimum) exceed maxSkew
/// (<c>node(s) didn't match pod topology spread constraints</c>, unschedulable: preemption can help), or when it
/// lacks a constraint's topology key (<c>… (missing required label)</c>, unresolvable). PreScore/Score: for
/// ScheduleAnyway constraints, the fewer matching pods in a node's domains the better. Pods without constraints get
/// the default ones (upstream's system defaults unless the args list others), with a selector deduced from the
/// Services and controllers that select them.
/// </summary>
public sealed partial class PodTopologySpreadPlugin : IPreFilterPlugin, IFilterPlugin, IPreFilterExtensions, IPreScorePlugin,
    INormalizeScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "PodTopologySpread";

    /// <summary>Upstream's reason when a node's domain would be too skewed.</summary>
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

    /// <summary>Upstream's reason when a node lacks a constraint's topology key.</summary>
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";

    private const string DoNotSchedule = "DoNotSchedule";
    private const string ScheduleAnyway = "ScheduleAnyway";

    private static readonly CycleStateKey<PreFilterState> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly Status ConstraintsNotMatch = Status.Unschedulable(PluginName, ErrReasonConstraintsNotMatch);
    private static readonly Status NodeLabelNotMatch = Status.Unresolvable(PluginName, ErrReasonNodeLabelNotMatch);

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Pod, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, "PodAddLabelChangeOrDelete"),
        new(EventResource.Node, ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
            "NodeAddDeleteLabelOrTaintChange"),
    ];

    private readonly FrameworkHandle _handle;
    private readonly PodTopologySpreadArgs _args;
    private readonly WorkloadListers _listers;
    private readonly MatchingPodCounts _matchingPods = new();
    private readonly MatchingPodCounts _scoringPods = new();

    /// <summary>
    /// The plugin with <paramref name="args"/>. Default constraints need <paramref name="listers"/>; without them they
    /// come from the handle's informers, and without those no pod gets default constraints.
    /// </summary>
    public PodTopologySpreadPlugin(FrameworkHandle handle, PodTopologySpreadArgs? args = null, WorkloadListers? listers = null)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
        _args = args ?? new PodTopologySpreadArgs();
        _listers = listers
            ?? (_args.EffectiveDefaultConstraints.Count > 0 && handle.Informers is { } informers ? WorkloadListers.From(informers) : WorkloadListers.None);
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    private bool SystemDefaulted => _args.DefaultingType == DefaultingType.System;

    /// <inheritdoc/>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        result = null;
        SpreadConstraint[] constraints;
        try
        {
            constraints = ConstraintsOf(pod.Pod, DoNotSchedule);
        }
        catch (SelectorParseException e)
        {
            return Status.FromError(new InvalidOperationException("obtaining pod's hard topology spread constraints: " + e.Message, e), PluginName);
        }
        if (constraints.Length == 0)
        {
            return Status.SkipStatus;
        }
        var labels = PodLabelSelectors.LabelsOf(pod.Pod);
        var selfMatch = constraints.Select(c => c.Selector.Matches(labels)).ToArray();
        var spread = new PreFilterState(constraints, selfMatch, RequiredNodeAffinity.Of(pod.Pod));
        CountMatchingPods(spread, pod, nodes);
        state.Write(PreFilterKey, spread);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (!state.TryRead(PreFilterKey, out var spread))
        {
            return Status.FromError(new InvalidOperationException($"error reading \"{PreFilterKey.Name}\" from cycleState: not found"), PluginName);
        }
        var constraints = spread.Constraints;
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            if (!node.TryGetLabel(c.TopologyKey, out var domain))
            {
                return NodeLabelNotMatch;
            }
            // Skew after placing the pod here: the domain's matching pods, the pod itself if it matches, minus the
            // emptiest domain's (long: the minimum is int.MaxValue while no node is eligible).
            long skew = (long)spread.Counts[i].GetValueOrDefault(domain) + (spread.SelfMatch[i] ? 1 : 0) - spread.MinMatch(i);
            if (skew > c.MaxSkew)
            {
                return ConstraintsNotMatch;
            }
        }
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) => Update(state, podToSchedule, podToAdd, node, 1);

    /// <inheritdoc/>
    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) => Update(state, podToSchedule, podToRemove, node, -1);

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;

    private static Status Update(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, int delta)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(node);
        if (!state.TryRead(PreFilterKey, out var spread))
        {
            return Status.FromError(new InvalidOperationException($"error reading \"{PreFilterKey.Name}\" from cycleState: not found"), PluginName);
        }
        spread.Update(pod, changed, node.Node, delta);
        return Status.Success;
    }

    /// <summary>
    /// Counts, per constraint and domain, the matching pods on the eligible nodes: those with every topology key that
    /// the constraint's node inclusion policies let in. Nodes are counted into one row each and the rows summed per
    /// domain; both are kept for the next pod that asks the same (<see cref="MatchingPodCounts"/>).
    /// </summary>
    private void CountMatchingPods(PreFilterState spread, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = spread.Constraints;
        var width = constraints.Length;
        _matchingPods.Count(constraints, pod, nodes, _handle.Parallelizer, (i, first) =>
        {
            // -1: the node does not count for that constraint (not even as an empty domain).
            var counts = _matchingPods.Rows;
            var node = nodes[i].Node;
            var eligible = node is not null && SpreadConstraint.HasAllKeys(node.Metadata?.Labels, constraints);
            for (var j = 0; j < width; j++)
            {
                counts[first + j] = eligible && constraints[j].Includes(node!, pod, spread.Affinity)
                    ? constraints[j].CountMatching(nodes[i].Pods, pod.Namespace)
                    : -1;
            }
        });
        for (var j = 0; j < width; j++)
        {
            foreach (var (domain, total) in _matchingPods.Totals(j))
            {
                spread.Counts[j][domain] = (int)total.Pods;
            }
        }
        spread.ComputePaths();
    }

    /// <summary>
    /// The pod's constraints with <paramref name="action"/>; for a pod without any, the default ones with the selector
    /// deduced from what selects it (none when nothing does).
    /// </summary>
    private SpreadConstraint[] ConstraintsOf(V1Pod pod, string action)
    {
        var labels = pod.Metadata?.Labels;
        if (pod.Spec?.TopologySpreadConstraints is { Count: > 0 } own)
        {
            return SpreadConstraint.Select(own, labels, action);
        }
        // Most pods in a cycle have no constraints: look for a default with this action and a selector for the pod
        // before building anything, so that they cost no allocation.
        if (!HasDefaultFor(action) || DefaultSelector.For(pod, _listers) is not { IsEverything: false } selector)
        {
            return [];
        }
        var defaults = SpreadConstraint.Select(_args.EffectiveDefaultConstraints, labels, action);
        for (var i = 0; i < defaults.Length; i++)
        {
            defaults[i] = defaults[i] with { Selector = selector };
        }
        return defaults;
    }

    private bool HasDefaultFor(string action)
    {
        var defaults = _args.EffectiveDefaultConstraints;
        for (var i = 0; i < defaults.Count; i++)
        {
            if (defaults[i].WhenUnsatisfiable == action)
            {
                return true;
            }
        }
        return false;
    }
}
