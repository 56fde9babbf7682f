using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.HorizontalPodAutoscalers;

/// <summary>
/// autoscaling HorizontalPodAutoscaler (v2, and v1 objects told apart by apiVersion): minReplicas 1, a CPU
/// utilization target of 80% when none is given, behavior defaults when behavior is set; replica bounds checked.
/// </summary>
public sealed class HorizontalPodAutoscalerStrategy : WorkloadStrategy
{
    /// <summary>The CPU utilization target used when none is given.</summary>
    public const int DefaultCpuUtilization = 80;

    /// <summary>The shared instance.</summary>
    public static HorizontalPodAutoscalerStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = IsV1(obj)
            ? new JsonObject { ["currentReplicas"] = 0, ["desiredReplicas"] = 0 }.AsParsed()
            : new JsonObject { ["desiredReplicas"] = 0 }.AsParsed();
    }

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        spec.SetIfAbsent("minReplicas", 1);
        if (IsV1(obj))
        {
            spec.SetIfAbsent("targetCPUUtilizationPercentage", DefaultCpuUtilization);
            return;
        }
        if (spec.GetArray("metrics").CountOf() == 0)
        {
            spec["metrics"] = JsonArrayOf(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = DefaultCpuUtilization },
                },
            });
        }
        if (spec.GetObject("behavior") is { } behavior)
        {
            ApplyRules(behavior.EnsureObject("scaleUp"), 0, [("Pods", 4), ("Percent", 100)]);
            ApplyRules(behavior.EnsureObject("scaleDown"), 300, [("Percent", 100)]);
        }
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var minReplicas = spec.GetInt64("minReplicas");
        if (minReplicas is < 1)
        {
            errors.Invalid("spec.minReplicas", minReplicas.Value, "must be greater than or equal to 1");
        }
        var maxReplicas = spec.GetInt64("maxReplicas") ?? 0;
        if (maxReplicas < 1)
        {
            errors.Invalid("spec.maxReplicas", maxReplicas, "must be greater than 0");
        }
        if (minReplicas is { } min && maxReplicas < min)
        {
            errors.Invalid("spec.maxReplicas", maxReplicas, "must be greater than or equal to `minReplicas`");
        }
        var target = spec.GetObject("scaleTargetRef");
        foreach (var key in (string[])["kind", "name"])
        {
            if ((target?.GetStringOrEmpty(key) ?? "").Length == 0)
            {
                errors.Required("spec.scaleTargetRef." + key);
            }
        }
    }

    private static JsonNode JsonArrayOf(JsonObject item) => new JsonArray(item).AsParsed();

    private static bool IsV1(JsonObject obj) => obj.GetStringOrEmpty("apiVersion") == "autoscaling/v1";

    private static void ApplyRules(JsonObject rules, long stabilizationWindowSeconds, (string Type, int Value)[] policies)
    {
        rules.SetIfEmpty("selectPolicy", "Max");
        rules.SetIfAbsent("stabilizationWindowSeconds", stabilizationWindowSeconds);
        if (rules.GetArray("policies").CountOf() == 0)
        {
            rules["policies"] = new JsonArray(policies
                .Select(p => (JsonNode)new JsonObject { ["type"] = p.Type, ["value"] = p.Value, ["periodSeconds"] = 15 }).ToArray()).AsParsed();
        }
    }
}
