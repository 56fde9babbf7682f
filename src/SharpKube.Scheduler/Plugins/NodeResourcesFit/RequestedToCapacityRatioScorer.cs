using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// RequestedToCapacityRatio's per-resource score: the utilization the node would have with the pod, read off a
/// piecewise-linear curve through the shape's points (flat before the first and after the last), scores ×10 to 0–100.
/// </summary>
internal static class RequestedToCapacityRatioScorer
{
    private const int ShapeScoreScale = (int)(NodeScore.MaxNodeScore / 10);

    /// <summary>The score of a resource <paramref name="requested"/> of <paramref name="capacity"/> (over capacity counts as 100 %).</summary>
    public static long Score(long requested, long capacity, UtilizationShapePoint[] shape)
    {
        var utilization = capacity == 0 || requested > capacity ? 100 : requested * 100 / capacity;
        if (utilization <= shape[0].Utilization)
        {
            return shape[0].Score * ShapeScoreScale;
        }
        for (var i = 1; i < shape.Length; i++)
        {
            if (utilization <= shape[i].Utilization)
            {
                long fromScore = shape[i - 1].Score * ShapeScoreScale, toScore = shape[i].Score * ShapeScoreScale;
                return fromScore + ((toScore - fromScore) * (utilization - shape[i - 1].Utilization) / (shape[i].Utilization - shape[i - 1].Utilization));
            }
        }
        return shape[^1].Score * ShapeScoreScale;
    }
}
