namespace SharpKube.Scheduler.Framework;

/// <summary>Upstream's <c>helper.DefaultNormalizeScore</c>, shared by the plugins that count things.</summary>
public static class ScoreNormalization
{
    /// <summary>
    /// Scales scores so the highest becomes <paramref name="maxPriority"/> (integer division, as upstream); with
    /// <paramref name="reverse"/>, subtracts each from it, so the node with the least gets the most. All zero: all
    /// stay 0, or become <paramref name="maxPriority"/> when reversed.
    /// </summary>
    public static void Default(Span<NodeScore> scores, long maxPriority, bool reverse)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score.Score);
        }
        if (max == 0)
        {
            if (reverse)
            {
                for (var i = 0; i < scores.Length; i++)
                {
                    scores[i].Score = maxPriority;
                }
            }
            return;
        }
        for (var i = 0; i < scores.Length; i++)
        {
            var score = maxPriority * scores[i].Score / max;
            scores[i].Score = reverse ? maxPriority - score : score;
        }
    }
}
