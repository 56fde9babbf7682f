namespace SharpKube.Scheduler.Framework;

/// <summary>NormalizeScore: a score plugin's pass over all its scores of a cycle, to bring them into 0..100 (e.g. relative to the highest).</summary>
public interface INormalizeScorePlugin : IScorePlugin
{
    /// <summary>Rewrites <paramref name="scores"/> in place.</summary>
    Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores);
}
