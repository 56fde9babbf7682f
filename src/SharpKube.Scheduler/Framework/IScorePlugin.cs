namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Score: ranks one feasible node. Runs in parallel over nodes. Scores end up between 0 and
/// <see cref="NodeScore.MaxNodeScore"/> (directly, or after <see cref="INormalizeScorePlugin.NormalizeScore"/>) and
/// are multiplied by the plugin's weight in the profile.
/// </summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>Scores <paramref name="node"/> for <paramref name="pod"/>.</summary>
    Status Score(CycleState state, PodInfo pod, NodeInfo node, out long score);
}
