namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Reserve: claims what the pod needs on the chosen node before binding, in plugin state of its own; Unreserve gives
/// it back when a later step fails. Unreserve must be idempotent and may run without Reserve having succeeded.
/// </summary>
public interface IReservePlugin : IPlugin
{
    /// <summary>Reserves <paramref name="nodeName"/>'s resources for <paramref name="pod"/>.</summary>
    Status Reserve(CycleState state, PodInfo pod, string nodeName);

    /// <summary>Releases what <see cref="Reserve"/> claimed.</summary>
    void Unreserve(CycleState state, PodInfo pod, string nodeName);
}
