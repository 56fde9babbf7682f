using System.Buffers;

namespace SharpKube.Scheduler.Framework;

/// <summary>Score and NormalizeScore.</summary>
public sealed partial class SchedulingFramework
{
    /// <summary>
    /// Score: every score plugin (not skipped at PreScore) scores every node, in parallel over nodes; then each
    /// plugin normalizes its scores, which must end within 0..100, and its weight multiplies them into
    /// <paramref name="totals"/> (one entry per node, added to). The score table is pooled.
    /// </summary>
    public Status RunScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, long[] totals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(totals);
        var plugins = _plugins.Score;
        var nodeCount = nodes.Count;
        if (plugins.Length == 0 || nodeCount == 0)
        {
            return Status.Success;
        }
        var skip = state.SkipScorePlugins;
        var table = ArrayPool<NodeScore>.Shared.Rent(plugins.Length * nodeCount);
        try
        {
            Status? failure = null;
            Handle.Parallelizer.Until(nodeCount, i =>
            {
                var node = nodes[i];
                for (var p = 0; p < plugins.Length; p++)
                {
                    if ((skip & (1UL << p)) != 0)
                    {
                        continue;
                    }
                    long score;
                    Status status;
                    try
                    {
                        status = plugins[p].Score(state, pod, node, out score);
                    }
                    catch (Exception e)
                    {
                        (status, score) = (Status.FromError(e), 0);
                    }
                    if (!status.IsSuccess)
                    {
                        Interlocked.CompareExchange(ref failure, Wrap(status, "Score", plugins[p]), null);
                        return false;
                    }
                    table[(p * nodeCount) + i] = new NodeScore(node, score);
                }
                return true;
            });
            if (failure is not null)
            {
                return failure;
            }
            for (var p = 0; p < plugins.Length; p++)
            {
                if ((skip & (1UL << p)) != 0)
                {
                    continue;
                }
                var scores = table.AsSpan(p * nodeCount, nodeCount);
                if (plugins[p] is INormalizeScorePlugin normalizer)
                {
                    Status status;
                    try
                    {
                        status = normalizer.NormalizeScore(state, pod, scores);
                    }
                    catch (Exception e)
                    {
                        status = Status.FromError(e);
                    }
                    if (!status.IsSuccess)
                    {
                        return Wrap(status, "NormalizeScore", plugins[p]);
                    }
                }
                var weight = _plugins.ScoreWeights[p];
                for (var i = 0; i < nodeCount; i++)
                {
                    var score = scores[i].Score;
                    if (score is < NodeScore.MinNodeScore or > NodeScore.MaxNodeScore)
                    {
                        return Status.FromError(new InvalidOperationException(
                            $"plugin \"{plugins[p].Name}\" returns an invalid score {score}, it should in the range of [{NodeScore.MinNodeScore}, {NodeScore.MaxNodeScore}] after normalizing"),
                            plugins[p].Name);
                    }
                    totals[i] += score * weight;
                }
            }
            return Status.Success;
        }
        finally
        {
            ArrayPool<NodeScore>.Shared.Return(table, clearArray: true);
        }
    }
}
