namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Permit: the last say before binding. Success lets the pod bind, a rejection sends it back to the queue, and
/// <see cref="StatusCode.Wait"/> holds the binding cycle until the plugin (or another one, through the waiting pod)
/// allows or rejects it, or <c>timeout</c> passes (then it is rejected).
/// </summary>
public interface IPermitPlugin : IPlugin
{
    /// <summary>Decides on <paramref name="pod"/> going to <paramref name="nodeName"/>.</summary>
    Status Permit(CycleState state, PodInfo pod, string nodeName, out TimeSpan timeout);
}
