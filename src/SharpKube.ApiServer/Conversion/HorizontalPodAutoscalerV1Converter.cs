using System.Text.Json.Nodes;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Conversion;

/// <summary>
/// autoscaling/v1 HorizontalPodAutoscaler (served) ⇄ autoscaling/v2 (stored): v1's CPU target and
/// current CPU utilization are v2's CPU Resource metric.
/// </summary>
public sealed class HorizontalPodAutoscalerV1Converter : ObjectConverter
{
    /// <summary>The single instance.</summary>
    public static HorizontalPodAutoscalerV1Converter Instance { get; } = new();

    /// <inheritdoc/>
    public override JsonObject ToStorage(JsonObject served)
    {
        var stored = new JsonObject { ["kind"] = "HorizontalPodAutoscaler", ["apiVersion"] = "autoscaling/v2" };
        Copy(served, "metadata", stored, "metadata");
        if (served["spec"] is JsonObject spec)
        {
            var v2Spec = new JsonObject();
            Copy(spec, "scaleTargetRef", v2Spec, "scaleTargetRef");
            Copy(spec, "minReplicas", v2Spec, "minReplicas");
            Copy(spec, "maxReplicas", v2Spec, "maxReplicas");
            if (ObjectJson.GetInt64(spec, "targetCPUUtilizationPercentage") is { } target)
            {
                v2Spec["metrics"] = new JsonArray(CpuMetric("target", new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = target }));
            }
            stored["spec"] = v2Spec;
        }
        if (served["status"] is JsonObject status)
        {
            var v2Status = new JsonObject();
            foreach (var field in new[] { "observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas" })
            {
                Copy(status, field, v2Status, field);
            }
            if (ObjectJson.GetInt64(status, "currentCPUUtilizationPercentage") is { } current)
            {
                v2Status["currentMetrics"] = new JsonArray(CpuMetric("current", new JsonObject { ["averageUtilization"] = current }));
            }
            stored["status"] = v2Status;
        }
        return stored;
    }

    /// <inheritdoc/>
    public override JsonObject FromStorage(JsonObject stored)
    {
        var served = new JsonObject { ["kind"] = "HorizontalPodAutoscaler", ["apiVersion"] = "autoscaling/v1" };
        Copy(stored, "metadata", served, "metadata");
        if (stored["spec"] is JsonObject spec)
        {
            var v1Spec = new JsonObject();
            Copy(spec, "scaleTargetRef", v1Spec, "scaleTargetRef");
            Copy(spec, "minReplicas", v1Spec, "minReplicas");
            Copy(spec, "maxReplicas", v1Spec, "maxReplicas");
            if (CpuUtilization(spec["metrics"], "target") is { } target)
            {
                v1Spec["targetCPUUtilizationPercentage"] = target.DeepClone();
            }
            served["spec"] = v1Spec;
        }
        if (stored["status"] is JsonObject status)
        {
            var v1Status = new JsonObject();
            foreach (var field in new[] { "observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas" })
            {
                Copy(status, field, v1Status, field);
            }
            if (CpuUtilization(status["currentMetrics"], "current") is { } current)
            {
                v1Status["currentCPUUtilizationPercentage"] = current.DeepClone();
            }
            served["status"] = v1Status;
        }
        return served;
    }

    private static JsonObject CpuMetric(string valueField, JsonObject value) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject { ["name"] = "cpu", [valueField] = value },
    };

    private static JsonNode? CpuUtilization(JsonNode? metrics, string valueField)
    {
        if (metrics is not JsonArray list)
        {
            return null;
        }
        foreach (var metric in list.OfType<JsonObject>())
        {
            if (ObjectJson.GetString(metric, "type") == "Resource" && metric["resource"] is JsonObject resource
                && ObjectJson.GetString(resource, "name") == "cpu" && resource[valueField] is JsonObject value
                && value["averageUtilization"] is { } utilization)
            {
                return utilization;
            }
        }
        return null;
    }
}
