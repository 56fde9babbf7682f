using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.TaintToleration;

namespace SharpKube.Scheduler.Plugins.NodeUnschedulable;

/// <summary>
/// Filter: a cordoned node (<c>spec.unschedulable</c>) takes only pods that tolerate the
/// <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint (as DaemonSet pods do).
/// </summary>
public sealed class NodeUnschedulablePlugin : IFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeUnschedulable";

    /// <summary>The reason of a rejection.</summary>
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";

    /// <summary>The taint a pod must tolerate to go to a cordoned node.</summary>
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";

    private static readonly Status Rejected = Status.Unresolvable(PluginName, ErrReasonUnschedulable);
    private static readonly V1Taint UnschedulableTaint = new() { Key = UnschedulableTaintKey, Effect = Tolerations.NoSchedule };

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint, "NodeAddOrTaintChange"),
        new(EventResource.Pod, ActionType.UpdatePodTolerations, "PodTolerationChange"),
    ];

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (!node.Unschedulable)
        {
            return Status.Success;
        }
        return Tolerations.AnyTolerates(pod.Tolerations, UnschedulableTaint) ? Status.Success : Rejected;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
