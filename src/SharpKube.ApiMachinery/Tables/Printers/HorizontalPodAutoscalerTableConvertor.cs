using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints HorizontalPodAutoscalers of <c>autoscaling/v2</c> and <c>autoscaling/v1</c>: NAME, REFERENCE
/// (<c>Kind/name</c>), TARGETS (e.g. <c>cpu: 50%/80%</c>, at most two then <c> + N more...</c>), MINPODS,
/// MAXPODS, REPLICAS, AGE.
/// </summary>
public sealed class HorizontalPodAutoscalerTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Reference", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        StandardColumns.Text("Targets", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond. If not set, the default metric will be set to 80% average CPU utilization."),
        StandardColumns.Text("MinPods", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available."),
        StandardColumns.Text("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas."),
        StandardColumns.Text("Replicas", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        StandardColumns.Age,
    ];

    private HorizontalPodAutoscalerTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static HorizontalPodAutoscalerTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var target = spec.Field("scaleTargetRef");
        var isV1 = obj.Field("apiVersion").Text() == "autoscaling/v1" ||
            (!spec.Field("metrics").IsPresent() && spec.Field("targetCPUUtilizationPercentage").IsPresent());
        return
        [
            ObjectMetadata.Name(obj),
            target.Field("kind").Text() + "/" + target.Field("name").Text(),
            isV1 ? HorizontalPodAutoscalerTargets.FormatV1(spec, status) : HorizontalPodAutoscalerTargets.Format(spec.Field("metrics"), status.Field("currentMetrics")),
            spec.Field("minReplicas").Int64OrNull() is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>",
            spec.Field("maxReplicas").Int64(),
            status.Field("currentReplicas").Int64(),
            ObjectMetadata.Age(obj, now),
        ];
    }
}
