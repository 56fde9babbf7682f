namespace SharpKube.Scheduler.Framework;

/// <summary>What happened to the resource of a cluster event; flags, so a registration can name several.</summary>
[Flags]
public enum ActionType
{
    /// <summary>Nothing that matters for scheduling.</summary>
    None = 0,

    /// <summary>Created.</summary>
    Add = 1 << 0,

    /// <summary>Deleted.</summary>
    Delete = 1 << 1,

    /// <summary>A node's allocatable resources changed.</summary>
    UpdateNodeAllocatable = 1 << 2,

    /// <summary>A node's labels changed.</summary>
    UpdateNodeLabel = 1 << 3,

    /// <summary>A node's taints (or <c>spec.unschedulable</c>) changed.</summary>
    UpdateNodeTaint = 1 << 4,

    /// <summary>A node's conditions changed (status or type, not heartbeats).</summary>
    UpdateNodeCondition = 1 << 5,

    /// <summary>A node's annotations changed.</summary>
    UpdateNodeAnnotation = 1 << 6,

    /// <summary>A pod's labels changed.</summary>
    UpdatePodLabel = 1 << 7,

    /// <summary>A pod's resource requests went down.</summary>
    UpdatePodScaleDown = 1 << 8,

    /// <summary>A pod's tolerations changed.</summary>
    UpdatePodTolerations = 1 << 9,

    /// <summary>A pod's last scheduling gate was removed.</summary>
    UpdatePodSchedulingGatesEliminated = 1 << 10,

    /// <summary>Any other change of a pod (or any change at all when an update is not looked into).</summary>
    UpdatePodOther = 1 << 11,

    /// <summary>Any update.</summary>
    Update = UpdateNodeAllocatable | UpdateNodeLabel | UpdateNodeTaint | UpdateNodeCondition | UpdateNodeAnnotation
        | UpdatePodLabel | UpdatePodScaleDown | UpdatePodTolerations | UpdatePodSchedulingGatesEliminated | UpdatePodOther,

    /// <summary>Anything.</summary>
    All = Add | Delete | Update,
}
