namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Filter: whether the pod can run on one node. Runs in parallel over nodes, so it must only read the cycle state,
/// the pod and the node, and should not allocate when the node fits (return <see cref="Status.Success"/>, and keep
/// frequent failure statuses in static fields).
/// </summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>Whether <paramref name="pod"/> fits <paramref name="node"/>.</summary>
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}
