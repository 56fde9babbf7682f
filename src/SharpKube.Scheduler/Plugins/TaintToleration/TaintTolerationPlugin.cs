using System.Collections.Concurrent;
using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.TaintToleration;

/// <summary>
/// Filter: a node with a NoSchedule or NoExecute taint the pod does not tolerate is rejected
/// (<c>node(s) had untolerated taint {key: value}</c>). Score: the fewer PreferNoSchedule taints the pod does not
/// tolerate, the better (normalized, reversed, so a node without any gets 100).
/// </summary>
public sealed class TaintTolerationPlugin : IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "TaintToleration";

    private static readonly CycleStateKey<V1Toleration[]> PreScoreKey = new("PreScore" + PluginName);

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint, "NodeAddOrTaintChange"),
        new(EventResource.Pod, ActionType.UpdatePodTolerations, "PodTolerationChange"),
    ];

    // Many nodes usually share a taint: one status per taint, not one per rejected node.
    private readonly ConcurrentDictionary<(string Key, string Value), Status> _rejections = new();

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Taints is not { Count: > 0 } taints)
        {
            return Status.Success;
        }
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect is not (Tolerations.NoSchedule or Tolerations.NoExecute) || Tolerations.AnyTolerates(pod.Tolerations, taint))
            {
                continue;
            }
            return _rejections.GetOrAdd((taint.Key ?? "", taint.Value ?? ""),
                static k => Status.Unresolvable(PluginName, $"node(s) had untolerated taint {{{k.Key}: {k.Value}}}"));
        }
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var prefer = pod.Tolerations.Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == Tolerations.PreferNoSchedule).ToArray();
        state.Write(PreScoreKey, prefer);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        score = 0;
        if (!state.TryRead(PreScoreKey, out var prefer))
        {
            return Status.FromError(new InvalidOperationException($"error reading \"{PreScoreKey.Name}\" from cycleState: not found"), PluginName);
        }
        if (node.Taints is { } taints)
        {
            // Indexed: Score runs per node, and a foreach over the IList would allocate an enumerator each time.
            for (var i = 0; i < taints.Count; i++)
            {
                if (taints[i].Effect == Tolerations.PreferNoSchedule && !Tolerations.AnyTolerates(prefer, taints[i]))
                {
                    score++;
                }
            }
        }
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ScoreNormalization.Default(scores, NodeScore.MaxNodeScore, reverse: true);
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
