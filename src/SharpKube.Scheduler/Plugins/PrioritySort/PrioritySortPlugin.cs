using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.PrioritySort;

/// <summary>QueueSort: higher <c>spec.priority</c> first, then the pod queued earlier.</summary>
public sealed class PrioritySortPlugin : IQueueSortPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "PrioritySort";

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public bool Less(QueuedPodInfo a, QueuedPodInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (pa, pb) = (a.PodInfo.Priority, b.PodInfo.Priority);
        return pa > pb || (pa == pb && a.Timestamp < b.Timestamp);
    }
}
