namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Implemented by a PreFilter plugin whose cycle state depends on the pods already on nodes (InterPodAffinity,
/// PodTopologySpread): preemption and nominated pods ask it to update that state incrementally, as if
/// <c>podToAdd</c> were added to, or <c>podToRemove</c> removed from, <c>node</c>, instead of running PreFilter again.
/// The state passed is a clone of the cycle's (see <see cref="CycleState.Clone"/>), which the plugin may change.
/// </summary>
public interface IPreFilterExtensions
{
    /// <summary>Updates the state as if <paramref name="podToAdd"/> ran on <paramref name="node"/>.</summary>
    Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

    /// <summary>Updates the state as if <paramref name="podToRemove"/> were gone from <paramref name="node"/>.</summary>
    Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
}
