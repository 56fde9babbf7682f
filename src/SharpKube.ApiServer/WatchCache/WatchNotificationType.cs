namespace SharpKube.ApiServer.WatchCache;

/// <summary>The event types of a Kubernetes watch stream that carry objects.</summary>
public enum WatchNotificationType
{
    /// <summary>ADDED.</summary>
    Added,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>DELETED.</summary>
    Deleted,
}
