namespace SharpKube.Scheduler.Framework;

/// <summary>A change in the cluster, or a registration for changes (upstream's <c>ClusterEvent</c>).</summary>
/// <param name="Resource">What changed.</param>
/// <param name="Action">How (one or more flags).</param>
/// <param name="Label">A readable name for logs and metrics, e.g. <c>NodeAdd</c>.</param>
public readonly record struct ClusterEvent(EventResource Resource, ActionType Action, string Label = "")
{
    /// <summary>A node was added.</summary>
    public static readonly ClusterEvent NodeAdd = new(EventResource.Node, ActionType.Add, "NodeAdd");

    /// <summary>An assigned pod was added (bound, or seen bound at start).</summary>
    public static readonly ClusterEvent AssignedPodAdd = new(EventResource.Pod, ActionType.Add, "AssignedPodAdd");

    /// <summary>An assigned pod was updated.</summary>
    public static readonly ClusterEvent AssignedPodUpdate = new(EventResource.Pod, ActionType.Update, "AssignedPodUpdate");

    /// <summary>An assigned pod was deleted (or its binding failed, freeing what it had assumed).</summary>
    public static readonly ClusterEvent AssignedPodDelete = new(EventResource.Pod, ActionType.Delete, "AssignedPodDelete");

    /// <summary>A pod stayed in the unschedulable pool for the longest time allowed.</summary>
    public static readonly ClusterEvent UnschedulableTimeout = new(EventResource.WildCard, ActionType.All, "UnschedulableTimeout");

    /// <summary>Whether this event matches every registration.</summary>
    public bool IsWildCard => Resource == EventResource.WildCard && Action == ActionType.All;

    /// <summary>Whether this event is one <paramref name="registration"/> asked for.</summary>
    public bool Matches(ClusterEvent registration) =>
        IsWildCard || registration.IsWildCard || (registration.Resource == Resource && (registration.Action & Action) != 0);

    /// <inheritdoc/>
    public override string ToString() => Label.Length > 0 ? Label : $"{Resource}{Action}";
}
