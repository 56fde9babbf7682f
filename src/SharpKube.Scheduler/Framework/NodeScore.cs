namespace SharpKube.Scheduler.Framework;

/// <summary>A node and a score, as NormalizeScore sees them.</summary>
/// <param name="Node">The node.</param>
/// <param name="Score">The score: after normalizing, between 0 and <see cref="MaxNodeScore"/>.</param>
public record struct NodeScore(NodeInfo Node, long Score)
{
    /// <summary>The highest score a plugin gives a node (upstream: 100).</summary>
    public const long MaxNodeScore = 100;

    /// <summary>The lowest.</summary>
    public const long MinNodeScore = 0;
}
