namespace SharpKube.Scheduler.Framework;

/// <summary>PreBind: work that must be done before the binding is written (e.g. provisioning volumes). Runs in the binding cycle.</summary>
public interface IPreBindPlugin : IPlugin
{
    /// <summary>Prepares binding <paramref name="pod"/> to <paramref name="nodeName"/>.</summary>
    ValueTask<Status> PreBindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken);
}
