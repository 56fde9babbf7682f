namespace SharpKube.Scheduler.Framework;

/// <summary>QueueSort: orders the active queue. A profile has exactly one, and every profile must use the same.</summary>
public interface IQueueSortPlugin : IPlugin
{
    /// <summary>Whether <paramref name="a"/> is scheduled before <paramref name="b"/>.</summary>
    bool Less(QueuedPodInfo a, QueuedPodInfo b);
}
