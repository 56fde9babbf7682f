namespace SharpKube.Scheduler.Framework;

/// <summary>PostBind: told that a pod was bound (for clean-up); it cannot fail.</summary>
public interface IPostBindPlugin : IPlugin
{
    /// <summary>Called after <paramref name="pod"/> was bound to <paramref name="nodeName"/>.</summary>
    void PostBind(CycleState state, PodInfo pod, string nodeName);
}
