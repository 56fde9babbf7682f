using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>PreScore, Score and NormalizeScore: spreading by the ScheduleAnyway constraints.</summary>
public sealed partial class PodTopologySpreadPlugin
{
    private static readonly CycleStateKey<PreScoreState> PreScoreKey = new("PreScore" + PluginName);

    /// <inheritdoc/>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        var allNodes = _handle.Snapshot.NodeInfos;
        if (allNodes.Count == 0)
        {
            return Status.SkipStatus;
        }
        SpreadConstraint[] constraints;
        try
        {
            constraints = ConstraintsOf(pod.Pod, ScheduleAnyway);
        }
        catch (SelectorParseException e)
        {
            return Status.FromError(new InvalidOperationException("obtaining pod's soft topology spread constraints: " + e.Message, e), PluginName);
        }
        if (constraints.Length == 0)
        {
            return Status.SkipStatus;
        }
        // System defaults do not require every key, so that nodes without a zone label still spread by hostname.
        var requireAllKeys = pod.Pod.Spec?.TopologySpreadConstraints is { Count: > 0 } || !SystemDefaulted;
        var spread = new PreScoreState(constraints);
        AddFeasibleDomains(spread, nodes, requireAllKeys);
        var affinity = RequiredNodeAffinity.Of(pod.Pod);
        var width = constraints.Length;
        // A row per node (kept for the next pod asking the same: MatchingPodCounts); -1 where the node does not count.
        _scoringPods.Count(constraints, pod, allNodes, _handle.Parallelizer, (i, first) =>
        {
            var counts = _scoringPods.Rows;
            var node = allNodes[i].Node;
            var labels = node?.Metadata?.Labels;
            var eligible = node is not null && (!requireAllKeys || SpreadConstraint.HasAllKeys(labels, constraints));
            for (var j = 0; j < width; j++)
            {
                // Hostname domains hold one node: Score counts them itself.
                var c = constraints[j];
                counts[first + j] = eligible && !c.IsHostname && c.Includes(node!, pod, affinity)
                    ? c.CountMatching(allNodes[i].Pods, pod.Namespace)
                    : -1;
            }
        }, requireAllKeys ? "every key" : "any key");
        for (var j = 0; j < width; j++)
        {
            // Other domains count only if a feasible node is in them.
            var totals = _scoringPods.Totals(j);
            foreach (var (domain, box) in spread.Counts[j])
            {
                if (totals.TryGetValue(domain, out var total))
                {
                    box.Value += total.Pods;
                }
            }
        }
        state.Write(PreScoreKey, spread);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        score = 0;
        if (!state.TryRead(PreScoreKey, out var spread))
        {
            return Status.FromError(new InvalidOperationException($"error reading \"{PreScoreKey.Name}\" from cycleState: not found"), PluginName);
        }
        if (node.Labels is null || spread.IgnoredNodes.Contains(node.Name))
        {
            return Status.Success;
        }
        double sum = 0;
        var constraints = spread.Constraints;
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            if (!node.TryGetLabel(c.TopologyKey, out var domain))
            {
                continue;
            }
            long count = c.IsHostname
                ? c.CountMatching(node.Pods, pod.Namespace)
                : spread.Counts[i].TryGetValue(domain, out var box) ? Volatile.Read(ref box.Value) : 0;
            // maxSkew - 1 lifts every node alike, which after normalizing favours domains less when maxSkew is large.
            sum += (count * spread.Weights[i]) + (c.MaxSkew - 1);
        }
        score = (long)Math.Round(sum, MidpointRounding.AwayFromZero);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryRead(PreScoreKey, out var spread))
        {
            return Status.Success;
        }
        // The fewer matching pods, the higher the score: min..max maps to 100..(min/max × 100); ignored nodes get 0.
        var min = long.MaxValue;
        long max = 0;
        foreach (var score in scores)
        {
            if (spread.IgnoredNodes.Contains(score.Node.Name))
            {
                continue;
            }
            min = Math.Min(min, score.Score);
            max = Math.Max(max, score.Score);
        }
        for (var i = 0; i < scores.Length; i++)
        {
            if (spread.IgnoredNodes.Contains(scores[i].Node.Name))
            {
                scores[i].Score = 0;
            }
            else
            {
                scores[i].Score = max == 0 ? NodeScore.MaxNodeScore : NodeScore.MaxNodeScore * (max + min - scores[i].Score) / max;
            }
        }
        return Status.Success;
    }

    /// <summary>
    /// Registers the domains of the feasible nodes (only those get counts), notes the nodes scoring ignores, and
    /// weighs each constraint by log(domains + 2) (for hostname: the feasible nodes not ignored).
    /// </summary>
    private static void AddFeasibleDomains(PreScoreState spread, IReadOnlyList<NodeInfo> nodes, bool requireAllKeys)
    {
        var constraints = spread.Constraints;
        foreach (var info in nodes)
        {
            var labels = info.Labels;
            if (requireAllKeys && !SpreadConstraint.HasAllKeys(labels, constraints))
            {
                spread.IgnoredNodes.Add(info.Name);
                continue;
            }
            for (var j = 0; j < constraints.Length; j++)
            {
                if (!constraints[j].IsHostname)
                {
                    // A node without the key (system defaults only) counts in the "" domain, as upstream.
                    ref var box = ref CollectionsMarshal.GetValueRefOrAddDefault(spread.Counts[j], constraints[j].DomainOf(labels), out _);
                    box ??= new StrongBox<long>();
                }
            }
        }
        for (var j = 0; j < constraints.Length; j++)
        {
            var size = constraints[j].IsHostname ? nodes.Count - spread.IgnoredNodes.Count : spread.Counts[j].Count;
            spread.Weights[j] = Math.Log(size + 2);
        }
    }
}
