using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>Upstream's order of importance among pods: higher priority first; among equals, the one running longer.</summary>
internal static class PodImportance
{
    /// <summary>Most important first.</summary>
    public static readonly Comparison<PodInfo> MostImportantFirst = (a, b) =>
    {
        var byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : StartTime(a).CompareTo(StartTime(b));
    };

    /// <summary>When the pod started (<c>status.startTime</c>); a pod that has not started counts as starting now.</summary>
    public static DateTime StartTime(PodInfo pod) =>
        pod.Pod.Status?.StartTime is { } start ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : DateTime.UtcNow;
}
