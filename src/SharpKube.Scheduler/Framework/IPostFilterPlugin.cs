namespace SharpKube.Scheduler.Framework;

/// <summary>
/// PostFilter: runs when no node fits, to make the pod schedulable later (DefaultPreemption). Its message is appended to the <c>FailedScheduling</c> summary.
/// </summary>
public interface IPostFilterPlugin : IPlugin
{
    /// <summary>
    /// Tries to make room for <paramref name="pod"/>, given why each node was rejected; a success may nominate
    /// a node (<paramref name="nominatedNodeName"/>) for the pod's next attempt.
    /// </summary>
    Status PostFilter(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses, out string? nominatedNodeName);
}
