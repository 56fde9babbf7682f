using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Inter-pod affinity and anti-affinity (upstream's <c>InterPodAffinity</c>). PreFilter counts, per topology domain,
/// the existing pods the incoming pod's required terms select and the existing pods whose required anti-affinity
/// selects the incoming pod; Filter then rejects a node whose domain lacks a pod the affinity needs (unresolvable),
/// holds a pod the anti-affinity forbids, or holds a pod whose anti-affinity forbids the incoming one (both
/// unschedulable, so preemption may help). A pod whose affinity selects no pod anywhere may still go where the
/// topology keys exist when it matches its own terms: the first pod of a group. Scoring is in the other part.
/// </summary>
public sealed partial class InterPodAffinityPlugin : IPreFilterPlugin, IFilterPlugin, IPreFilterExtensions, IPreScorePlugin,
    INormalizeScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "InterPodAffinity";

    /// <summary>Upstream's reason when the node's domains lack pods the incoming pod's required affinity needs.</summary>
    public const string ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";

    /// <summary>Upstream's reason when the node's domains hold pods the incoming pod's required anti-affinity forbids.</summary>
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

    /// <summary>Upstream's reason when the node's domains hold pods whose required anti-affinity forbids the incoming pod.</summary>
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";

    private static readonly CycleStateKey<PreFilterState> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly Status AffinityMismatch = Status.Unresolvable(PluginName, ErrReasonAffinityRulesNotMatch);
    private static readonly Status AntiAffinityMismatch = Status.Unschedulable(PluginName, ErrReasonAntiAffinityRulesNotMatch);
    private static readonly Status ExistingAntiAffinityMismatch = Status.Unschedulable(PluginName, ErrReasonExistingAntiAffinityRulesNotMatch);

    private static readonly ClusterEvent[] Events =
    [
        // A pod added may be the one the affinity needs; a pod deleted or relabelled may be the one the anti-affinity forbade.
        new(EventResource.Pod, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, "AssignedPodAddOrLabelUpdateOrDelete"),
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel, "NodeAddOrLabelChange"),
    ];

    private readonly FrameworkHandle _handle;
    private readonly InterPodAffinityArgs _args;
    private readonly ExistingPodTermCounts _existingAntiAffinity = new(ExistingPodTermCounts.RequiredAntiAffinityRow);
    private readonly ExistingPodTermCounts _existingAffinityScores;

    /// <summary>The plugin over <paramref name="handle"/>'s snapshot, with <paramref name="args"/>.</summary>
    public InterPodAffinityPlugin(FrameworkHandle handle, InterPodAffinityArgs args)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(args);
        _handle = handle;
        _args = args;
        _existingAffinityScores = new ExistingPodTermCounts(ExistingPodTermCounts.AffinityScoreRow(args.HardPodAffinityWeight));
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        result = null;
        if (pod.Affinity.Error is { } error)
        {
            return Status.Unresolvable(PluginName, $"parsing pod: {error}");
        }
        var hasRequiredTerms = pod.Affinity.RequiredAffinity.Count > 0 || pod.Affinity.RequiredAntiAffinity.Count > 0;
        var affinity = new TopologyCounts();
        var antiAffinity = new TopologyCounts();
        // Existing pods' anti-affinity can refuse any pod, but only nodes running such pods can hold one (the snapshot
        // keeps that list, as upstream's HavePodsWithRequiredAntiAffinityList); their counts carry over from the
        // previous pod where nothing changed.
        var existingAntiAffinity = _existingAntiAffinity.Count(pod, ReferenceEquals(nodes, _handle.Snapshot.NodeInfos)
            ? _handle.Snapshot.HavePodsWithRequiredAntiAffinity
            : nodes);
        if (hasRequiredTerms)
        {
            var gate = new object();
            _handle.Parallelizer.Until(nodes.Count, i =>
            {
                var node = nodes[i];
                var labels = node.Labels;
                if (labels is null)
                {
                    return true;
                }
                var pods = node.Pods;
                for (var p = 0; p < pods.Count; p++)
                {
                    PreFilterState.CountIncomingTerms(pod, pods[p], labels, 1, affinity, antiAffinity, gate);
                }
                return true;
            });
        }
        if (existingAntiAffinity.IsEmpty && !hasRequiredTerms)
        {
            return Status.SkipStatus;
        }
        state.Write(PreFilterKey, new PreFilterState(pod, existingAntiAffinity, affinity, antiAffinity));
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        var prefilter = state.Read(PreFilterKey);
        if (!SatisfiesAffinity(prefilter, node))
        {
            return AffinityMismatch;
        }
        if (!SatisfiesAntiAffinity(prefilter, node))
        {
            return AntiAffinityMismatch;
        }
        return prefilter.ExistingAntiAffinity.AnyPositive(node) ? ExistingAntiAffinityMismatch : Status.Success;
    }

    /// <inheritdoc/>
    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToAdd);
        ArgumentNullException.ThrowIfNull(node);
        state.Read(PreFilterKey).Update(podToAdd, node.Labels, 1);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToRemove);
        ArgumentNullException.ThrowIfNull(node);
        state.Read(PreFilterKey).Update(podToRemove, node.Labels, -1);
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;

    /// <summary>
    /// Every required affinity term's topology key is on the node and its domain has a matching pod — or no domain
    /// anywhere has one and the pod matches its own terms (the first pod of a group).
    /// </summary>
    private static bool SatisfiesAffinity(PreFilterState state, NodeInfo node)
    {
        var terms = state.Pod.Affinity.RequiredAffinity;
        var podsExist = true;
        for (var i = 0; i < terms.Count; i++)
        {
            if (!node.TryGetTopologyValue(terms[i].TopologyKey, out var value))
            {
                return false;
            }
            if (state.Affinity.Get(terms[i].TopologyKey, value) <= 0)
            {
                podsExist = false;
            }
        }
        return podsExist || (state.Affinity.IsEmpty && state.MatchesOwnAffinity);
    }

    /// <summary>No required anti-affinity term's domain (on this node) has a pod the term selects.</summary>
    private static bool SatisfiesAntiAffinity(PreFilterState state, NodeInfo node)
    {
        if (state.AntiAffinity.IsEmpty)
        {
            return true;
        }
        var terms = state.Pod.Affinity.RequiredAntiAffinity;
        for (var i = 0; i < terms.Count; i++)
        {
            if (node.TryGetTopologyValue(terms[i].TopologyKey, out var value) && state.AntiAffinity.Get(terms[i].TopologyKey, value) > 0)
            {
                return false;
            }
        }
        return true;
    }
}
