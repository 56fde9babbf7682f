namespace SharpKube.Scheduler.Framework;

/// <summary>
/// PreEnqueue: runs before a pod enters the active queue; anything but success keeps the pod out (as
/// unschedulable and "gated") until an event about the pod itself lets it try again.
/// </summary>
public interface IPreEnqueuePlugin : IPlugin
{
    /// <summary>Whether <paramref name="pod"/> may be scheduled now.</summary>
    Status PreEnqueue(PodInfo pod);
}
