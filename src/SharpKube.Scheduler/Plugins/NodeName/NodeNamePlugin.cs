using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeName;

/// <summary>Filter: a pod that names a node in <c>spec.nodeName</c> fits only that node.</summary>
public sealed class NodeNamePlugin : IFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeName";

    /// <summary>The reason of a rejection.</summary>
    public const string ErrReason = "node(s) didn't match the requested node name";

    private static readonly Status Rejected = Status.Unresolvable(PluginName, ErrReason);
    private static readonly ClusterEvent[] Events = [new(EventResource.Node, ActionType.Add, "NodeAdd")];

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var wanted = pod.Pod.Spec?.NodeName;
        return string.IsNullOrEmpty(wanted) || wanted == node.Name ? Status.Success : Rejected;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
