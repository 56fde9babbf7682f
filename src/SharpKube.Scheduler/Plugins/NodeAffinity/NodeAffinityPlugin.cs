using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// PreFilter/Filter: the node must carry every <c>spec.nodeSelector</c> label and match one term of the pod's required
/// node affinity (<c>node(s) didn't match Pod's node affinity/selector</c>, unresolvable); terms that all name nodes
/// with <c>matchFields metadata.name In</c> narrow the cycle to those nodes. PreScore/Score: the sum of the weights of
/// the preferred terms a node matches, normalized so the best node gets 100.
/// </summary>
public sealed class NodeAffinityPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeAffinity";

    /// <summary>Upstream's Filter reason.</summary>
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

    /// <summary>Upstream's Filter reason when a node does not match the profile's added affinity.</summary>
    public const string ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";

    /// <summary>Upstream's PreFilter reason when every term names nodes and no node is named by all of a term's fields.</summary>
    public const string ErrReasonConflict = "pod affinity terms conflict";

    private static readonly CycleStateKey<RequiredNodeAffinity> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly CycleStateKey<PreferredNodeAffinity> PreScoreKey = new("PreScore" + PluginName);
    private static readonly Status PodMismatch = Status.Unresolvable(PluginName, ErrReasonPod);
    private static readonly Status Conflict = Status.Unresolvable(PluginName, ErrReasonConflict);
    private static readonly Status Enforced = Status.Unresolvable(PluginName, ErrReasonEnforced);

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel, "NodeAddOrLabelChange"),
    ];

    // The profile's addedAffinity: required terms every node must match, preferred terms added to every score.
    private readonly RequiredNodeAffinity? _addedRequired;
    private readonly PreferredNodeAffinity? _addedPreferred;

    /// <summary>A plugin with <paramref name="args"/> (none: no added affinity).</summary>
    public NodeAffinityPlugin(NodeAffinityArgs? args = null)
    {
        if (args?.AddedAffinity is { } added)
        {
            _addedRequired = added.RequiredDuringSchedulingIgnoredDuringExecution is { } required ? RequiredNodeAffinity.Of(required) : null;
            _addedPreferred = added.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 } preferred ? PreferredNodeAffinity.Of(preferred) : null;
        }
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        var spec = pod.Pod.Spec;
        var required = spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null && spec?.NodeSelector is null && _addedRequired is null)
        {
            return Status.SkipStatus;
        }
        state.Write(PreFilterKey, RequiredNodeAffinity.Of(pod.Pod));
        if (required?.NodeSelectorTerms is not { Count: > 0 } terms)
        {
            return Status.Success;
        }
        // Terms are ORed: only when every term names its nodes can the cycle be narrowed to their union.
        HashSet<string>? names = null;
        foreach (var term in terms)
        {
            HashSet<string>? termNames = null;
            foreach (var field in term.MatchFields ?? [])
            {
                if (field.Key != NodeSelectorTermMatcher.NameField || field.OperatorProperty != "In")
                {
                    continue;
                }
                var values = new HashSet<string>(field.Values ?? [], StringComparer.Ordinal);
                if (termNames is null)
                {
                    termNames = values;
                }
                else
                {
                    termNames.IntersectWith(values);
                }
            }
            if (termNames is null)
            {
                return Status.Success;
            }
            (names ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(termNames);
        }
        if (names is { Count: 0 })
        {
            return Conflict;
        }
        result = names is null ? null : new PreFilterResult(names);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Node is not { } v1Node)
        {
            return PodMismatch;
        }
        if (_addedRequired is not null && !_addedRequired.Matches(v1Node))
        {
            return Enforced;
        }
        // Without PreFilter (disabled in a custom profile) work it out here, as upstream does.
        var required = state.TryRead(PreFilterKey, out var stored) ? stored : RequiredNodeAffinity.Of(pod.Pod);
        return required.Matches(v1Node) ? Status.Success : PodMismatch;
    }

    /// <inheritdoc/>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var preferred = PreferredNodeAffinity.Of(pod.Pod);
        if (preferred.IsEmpty && _addedPreferred is null)
        {
            return Status.SkipStatus;
        }
        state.Write(PreScoreKey, preferred);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        score = 0;
        if (node.Node is not { } v1Node)
        {
            return Status.Success;
        }
        var preferred = state.TryRead(PreScoreKey, out var stored) ? stored : PreferredNodeAffinity.Of(pod.Pod);
        score = preferred.Score(v1Node) + (_addedPreferred?.Score(v1Node) ?? 0);
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ScoreNormalization.Default(scores, NodeScore.MaxNodeScore, reverse: false);
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
