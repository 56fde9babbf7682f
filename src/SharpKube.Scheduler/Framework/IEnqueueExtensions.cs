namespace SharpKube.Scheduler.Framework;

/// <summary>
/// The cluster events that could make a pod this plugin rejected schedulable: a pod waiting in the unschedulable
/// pool is retried on an event that one of the plugins that rejected it registered, and on no other.
/// </summary>
public interface IEnqueueExtensions : IPlugin
{
    /// <summary>The events this plugin's rejections can be undone by.</summary>
    IReadOnlyList<ClusterEvent> EventsToRegister();
}
