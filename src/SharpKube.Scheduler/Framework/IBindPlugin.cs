namespace SharpKube.Scheduler.Framework;

/// <summary>Bind: writes the binding. Plugins run in order until one does not return <see cref="StatusCode.Skip"/>.</summary>
public interface IBindPlugin : IPlugin
{
    /// <summary>Binds <paramref name="pod"/> to <paramref name="nodeName"/>.</summary>
    ValueTask<Status> BindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken);
}
