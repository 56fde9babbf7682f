using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Scoring: per topology domain, the weights of the incoming pod's preferred affinity terms (minus its preferred
/// anti-affinity terms) that existing pods there match, plus — symmetrically — the weights of existing pods'
/// preferred terms (and, at <c>hardPodAffinityWeight</c>, their required affinity terms) that the incoming pod
/// matches. A node scores the sum over its domains; scores are then scaled so the lowest gets 0 and the highest 100.
/// </summary>
public sealed partial class InterPodAffinityPlugin
{
    private static readonly CycleStateKey<TopologyCounts> PreScoreKey = new("PreScore" + PluginName);

    /// <inheritdoc/>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return Status.Success;
        }
        var hasConstraints = pod.Affinity.PreferredAffinity.Count > 0 || pod.Affinity.PreferredAntiAffinity.Count > 0;
        if (_args.IgnorePreferredTermsOfExistingPods && !hasConstraints)
        {
            return Status.SkipStatus;
        }
        // Existing pods in every domain count, not only those on feasible nodes. Without preferred terms of its own the
        // pod can only be drawn by pods with affinity: walk just the nodes running them, carried over from the previous
        // pod where nothing changed.
        if (!hasConstraints)
        {
            var drawn = _existingAffinityScores.Count(pod, _handle.Snapshot.HavePodsWithAffinity);
            if (drawn.IsEmpty)
            {
                return Status.SkipStatus;
            }
            state.Write(PreScoreKey, drawn);
            return Status.Success;
        }
        var all = _handle.Snapshot.NodeInfos;
        var scores = new TopologyCounts();
        var gate = new object();
        _handle.Parallelizer.Until(all.Count, i =>
        {
            var node = all[i];
            var labels = node.Labels;
            var pods = node.Pods;
            if (labels is not { Count: > 0 } || pods.Count == 0)
            {
                return true;
            }
            for (var p = 0; p < pods.Count; p++)
            {
                ScoreExistingPod(pod, pods[p], labels, scores, gate);
            }
            return true;
        });
        if (scores.IsEmpty)
        {
            return Status.SkipStatus;
        }
        state.Write(PreScoreKey, scores);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        score = state.Read(PreScoreKey).Sum(node);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey).IsEmpty || scores.IsEmpty)
        {
            return Status.Success;
        }
        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score.Score);
            max = Math.Max(max, score.Score);
        }
        var range = max - min;
        for (var i = 0; i < scores.Length; i++)
        {
            // As upstream: floating point, truncated; all equal gives every node 0.
            scores[i].Score = range > 0 ? (long)(NodeScore.MaxNodeScore * ((double)(scores[i].Score - min) / range)) : 0;
        }
        return Status.Success;
    }

    private void ScoreExistingPod(PodInfo incoming, PodInfo existing, IDictionary<string, string> labels, TopologyCounts scores, object gate)
    {
        var own = incoming.Affinity;
        AddWeighted(own.PreferredAffinity, existing, labels, 1, scores, gate);
        AddWeighted(own.PreferredAntiAffinity, existing, labels, -1, scores, gate);
        var theirs = existing.Affinity;
        if (_args.HardPodAffinityWeight > 0)
        {
            for (var i = 0; i < theirs.RequiredAffinity.Count; i++)
            {
                AddIfMatches(theirs.RequiredAffinity[i], incoming, labels, _args.HardPodAffinityWeight, scores, gate);
            }
        }
        AddWeighted(theirs.PreferredAffinity, incoming, labels, 1, scores, gate);
        AddWeighted(theirs.PreferredAntiAffinity, incoming, labels, -1, scores, gate);
    }

    private static void AddWeighted(IReadOnlyList<WeightedAffinityTerm> terms, PodInfo pod, IDictionary<string, string> labels, int sign,
        TopologyCounts scores, object gate)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            AddIfMatches(terms[i].Term, pod, labels, sign * (long)terms[i].Weight, scores, gate);
        }
    }

    private static void AddIfMatches(AffinityTerm term, PodInfo pod, IDictionary<string, string> labels, long weight, TopologyCounts scores, object gate) =>
        PreFilterState.AddIfLabelled(term.Matches(pod), labels, term.TopologyKey, weight, scores, gate);
}
