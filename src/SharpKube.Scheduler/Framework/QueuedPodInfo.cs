namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A pending pod in the scheduling queue: its facts plus the queue's bookkeeping — when it was queued, how often it
/// was tried, and which plugins rejected it last (so only events those plugins registered bring it back).
/// </summary>
public sealed class QueuedPodInfo
{
    private static readonly IReadOnlySet<string> NoPlugins = new HashSet<string>();

    /// <summary>A queued pod, queued at <paramref name="timestamp"/>.</summary>
    public QueuedPodInfo(PodInfo podInfo, DateTimeOffset timestamp)
    {
        PodInfo = podInfo;
        Timestamp = timestamp;
    }

    /// <summary>The pod (the newest version the queue has seen).</summary>
    public PodInfo PodInfo { get; internal set; }

    /// <summary>When the pod was last added to the queue (or last failed): orders ties in priority and starts the backoff.</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>How many scheduling attempts the pod has had.</summary>
    public int Attempts { get; internal set; }

    /// <summary>When the pod was first popped for scheduling (null before that).</summary>
    public DateTimeOffset? InitialAttemptTimestamp { get; internal set; }

    /// <summary>The plugins that rejected the pod in its last attempt (empty after an error).</summary>
    public IReadOnlySet<string> UnschedulablePlugins { get; internal set; } = NoPlugins;

    /// <summary>The plugins that returned Pending in its last attempt.</summary>
    public IReadOnlySet<string> PendingPlugins { get; internal set; } = NoPlugins;

    /// <summary>True while a PreEnqueue plugin keeps the pod out of the active queue.</summary>
    public bool Gated { get; internal set; }

    /// <summary>The PreEnqueue status that gated the pod, if it is gated.</summary>
    public Status? GatingStatus { get; internal set; }

    /// <summary>The scheduling cycle in which the pod was last popped.</summary>
    internal long PoppedInCycle { get; set; }

    /// <summary>When the pod's current backoff ends.</summary>
    internal DateTimeOffset BackoffExpiry { get; set; }

    /// <summary>Position in the active queue's heap (-1 when not in it).</summary>
    internal int ActiveIndex { get; set; } = -1;

    /// <summary>Position in the backoff queue's heap (-1 when not in it).</summary>
    internal int BackoffIndex { get; set; } = -1;

    /// <summary>Forgets the rejections of the last attempt.</summary>
    internal void ClearRejections()
    {
        UnschedulablePlugins = NoPlugins;
        PendingPlugins = NoPlugins;
    }

    /// <inheritdoc/>
    public override string ToString() => PodInfo.Key;
}
