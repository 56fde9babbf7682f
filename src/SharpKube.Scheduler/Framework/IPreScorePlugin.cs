namespace SharpKube.Scheduler.Framework;

/// <summary>
/// PreScore: runs once per cycle over the feasible nodes before Score, to prepare it; <see cref="StatusCode.Skip"/>
/// skips this plugin's Score for the cycle.
/// </summary>
public interface IPreScorePlugin : IPlugin
{
    /// <summary>Prepares scoring <paramref name="pod"/> on <paramref name="nodes"/>.</summary>
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes);
}
