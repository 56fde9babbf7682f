namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>Where the constraints of pods that have none come from (PodTopologySpreadArgs' <c>defaultingType</c>).</summary>
public enum DefaultingType
{
    /// <summary>Upstream's built-in ScheduleAnyway spreading over hostnames (maxSkew 3) and zones (maxSkew 5).</summary>
    System,

    /// <summary>The profile's <c>defaultConstraints</c>.</summary>
    List,
}
