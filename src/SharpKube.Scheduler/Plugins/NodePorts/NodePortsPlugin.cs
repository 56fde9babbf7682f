using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodePorts;

/// <summary>
/// Filter: the host ports the pod's containers ask for are free on the node (0.0.0.0 conflicts with every address
/// of the same protocol and port). A pod without host ports skips the filter.
/// </summary>
public sealed class NodePortsPlugin : IPreFilterPlugin, IFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodePorts";

    /// <summary>The reason of a rejection.</summary>
    public const string ErrReason = "node(s) didn't have free ports for the requested pod ports";

    private static readonly Status Rejected = Status.Unschedulable(PluginName, ErrReason);

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Pod, ActionType.Delete, "AssignedPodDelete"),
        new(EventResource.Node, ActionType.Add | ActionType.Update, "NodeAddOrUpdate"),
    ];

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        return pod.HostPorts.Count == 0 ? Status.SkipStatus : Status.Success;
    }

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var ports = pod.HostPorts;
        for (var i = 0; i < ports.Count; i++)
        {
            if (!node.IsPortFree(ports[i]))
            {
                return Rejected;
            }
        }
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
