namespace SharpKube.Scheduler.Framework;

/// <summary>What a cluster event is about.</summary>
public enum EventResource
{
    /// <summary>A pod: for Add, Update and Delete, an assigned pod (bound or assumed); the pod being scheduled's own updates are separate.</summary>
    Pod,

    /// <summary>A node.</summary>
    Node,

    /// <summary>A PersistentVolumeClaim.</summary>
    PersistentVolumeClaim,

    /// <summary>A PersistentVolume.</summary>
    PersistentVolume,

    /// <summary>A StorageClass.</summary>
    StorageClass,

    /// <summary>Every resource: matches every event (used for the unschedulable pool's timeout flush).</summary>
    WildCard,
}
