namespace SharpKube.Scheduler.Framework;

/// <summary>Filtering with the pods nominated to a node counted as if they ran there.</summary>
public sealed partial class SchedulingFramework
{
    /// <summary>
    /// Filter on one node, counting the pods nominated to it with a priority at least <paramref name="pod"/>'s, as
    /// upstream's <c>RunFilterPluginsWithNominatedPods</c>: the filters run once with those pods added (on a clone of the
    /// state, told through <see cref="RunPreFilterExtensionAddPod"/>, and of the node) and, if that passes, once
    /// without them — a pod must fit both ways, since a nominated pod may not end up on the node (and pod affinity to
    /// it must not be what lets the pod in). A node without such pods costs one filter run and no allocation.
    /// Thread-safe.
    /// </summary>
    public Status RunFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var nominated = Handle.Nominator.NominatedPodsForNode(node.Name);
        if (nominated.Count == 0)
        {
            return RunFilterPlugins(state, pod, node);
        }
        CycleState? stateWith = null;
        NodeInfo? nodeWith = null;
        foreach (var other in nominated)
        {
            if (other.Priority < pod.Priority || other.Uid == pod.Uid)
            {
                continue;
            }
            stateWith ??= state.Clone();
            nodeWith ??= node.Clone();
            nodeWith.AddPod(other);
            var added = RunPreFilterExtensionAddPod(stateWith, pod, other, nodeWith);
            if (!added.IsSuccess)
            {
                return added;
            }
        }
        if (nodeWith is null)
        {
            return RunFilterPlugins(state, pod, node);
        }
        var status = RunFilterPlugins(stateWith!, pod, nodeWith);
        return status.IsSuccess ? RunFilterPlugins(state, pod, node) : status;
    }
}
