namespace SharpKube.Scheduler.Framework;

/// <summary>
/// PreFilter: runs once per cycle before Filter, to work out what Filter needs (stored in the <see cref="CycleState"/>),
/// to reject the pod outright, to narrow the nodes (its <c>result</c>) or to return
/// <see cref="StatusCode.Skip"/>, which skips this plugin's Filter for the cycle.
/// </summary>
public interface IPreFilterPlugin : IPlugin
{
    /// <summary>Prepares filtering <paramref name="pod"/> over <paramref name="nodes"/>.</summary>
    Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result);
}
