using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscaler.</summary>
internal static class AutoscalingSchema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("autoscaling.CrossVersionObjectReference").Str(1, "kind").Str(2, "name").Str(3, "apiVersion");

        s.Define("autoscaling.v1.HorizontalPodAutoscaler").Msg(1, "metadata", "meta.ObjectMeta")
            .Msg(2, "spec", "autoscaling.v1.HorizontalPodAutoscalerSpec");
        s.Define("autoscaling.v1.HorizontalPodAutoscalerSpec").Msg(1, "scaleTargetRef", "autoscaling.CrossVersionObjectReference")
            .I32(2, "minReplicas", pointer: true).I32(3, "maxReplicas").I32(4, "targetCPUUtilizationPercentage", pointer: true);
        s.Kind("autoscaling/v1", "HorizontalPodAutoscaler", "autoscaling.v1.HorizontalPodAutoscaler");

        s.Define("autoscaling.v2.HorizontalPodAutoscaler").Msg(1, "metadata", "meta.ObjectMeta")
            .Msg(2, "spec", "autoscaling.v2.HorizontalPodAutoscalerSpec");
        s.Define("autoscaling.v2.HorizontalPodAutoscalerSpec").Msg(1, "scaleTargetRef", "autoscaling.CrossVersionObjectReference")
            .I32(2, "minReplicas", pointer: true).I32(3, "maxReplicas").Msgs(4, "metrics", "autoscaling.v2.MetricSpec")
            .Msg(5, "behavior", "autoscaling.v2.HorizontalPodAutoscalerBehavior", pointer: true);
        s.Define("autoscaling.v2.MetricSpec").Str(1, "type").Msg(2, "object", "autoscaling.v2.ObjectMetricSource", pointer: true)
            .Msg(3, "pods", "autoscaling.v2.MetricSourceByIdentifier", pointer: true)
            .Msg(4, "resource", "autoscaling.v2.ResourceMetricSource", pointer: true)
            .Msg(5, "external", "autoscaling.v2.MetricSourceByIdentifier", pointer: true)
            .Msg(7, "containerResource", "autoscaling.v2.ResourceMetricSource", pointer: true);
        s.Define("autoscaling.v2.ObjectMetricSource").Msg(1, "describedObject", "autoscaling.CrossVersionObjectReference")
            .Msg(2, "target", "autoscaling.v2.MetricTarget").Msg(3, "metric", "autoscaling.v2.MetricIdentifier");
        // PodsMetricSource and ExternalMetricSource: {1 metric, 2 target}.
        s.Define("autoscaling.v2.MetricSourceByIdentifier").Msg(1, "metric", "autoscaling.v2.MetricIdentifier")
            .Msg(2, "target", "autoscaling.v2.MetricTarget");
        // ResourceMetricSource {1 name, 2 target}; ContainerResourceMetricSource adds 3 container.
        s.Define("autoscaling.v2.ResourceMetricSource").Str(1, "name").Msg(2, "target", "autoscaling.v2.MetricTarget")
            .Str(3, "container");
        s.Define("autoscaling.v2.MetricIdentifier").Str(1, "name").Msg(2, "selector", "meta.LabelSelector", pointer: true);
        s.Define("autoscaling.v2.MetricTarget").Str(1, "type").Special(2, "value", Quantity, pointer: true)
            .Special(3, "averageValue", Quantity, pointer: true).I32(4, "averageUtilization", pointer: true);
        s.Define("autoscaling.v2.HorizontalPodAutoscalerBehavior")
            .Msg(1, "scaleUp", "autoscaling.v2.HPAScalingRules", pointer: true)
            .Msg(2, "scaleDown", "autoscaling.v2.HPAScalingRules", pointer: true);
        s.Define("autoscaling.v2.HPAScalingRules").Str(1, "selectPolicy", pointer: true)
            .Msgs(2, "policies", "autoscaling.v2.HPAScalingPolicy").I32(3, "stabilizationWindowSeconds", pointer: true)
            .Special(4, "tolerance", Quantity, pointer: true);
        s.Define("autoscaling.v2.HPAScalingPolicy").Str(1, "type").I32(2, "value").I32(3, "periodSeconds");
        s.Kind("autoscaling/v2", "HorizontalPodAutoscaler", "autoscaling.v2.HorizontalPodAutoscaler");
    }
}
