namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>How NodeResourcesFit scores a node.</summary>
public enum ScoringStrategyType
{
    /// <summary>The default: the more of the node left free after placing the pod, the better (spreads pods).</summary>
    LeastAllocated,

    /// <summary>The more of the node used after placing the pod, the better (packs pods).</summary>
    MostAllocated,

    /// <summary>The score follows a user-given curve of utilization (the <c>requestedToCapacityRatio.shape</c>).</summary>
    RequestedToCapacityRatio,
}
