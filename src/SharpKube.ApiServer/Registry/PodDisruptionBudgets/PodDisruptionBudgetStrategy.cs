using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.PodDisruptionBudgets;

/// <summary>policy/v1 PodDisruptionBudget: one of minAvailable and maxUnavailable, a valid selector, eviction policy.</summary>
public sealed class PodDisruptionBudgetStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static PodDisruptionBudgetStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override JsonObject InitialStatus() => new()
    {
        ["currentHealthy"] = 0,
        ["desiredHealthy"] = 0,
        ["disruptionsAllowed"] = 0,
        ["expectedPods"] = 0,
    };

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        if (spec.Has("minAvailable") && spec.Has("maxUnavailable"))
        {
            errors.InvalidRaw("spec", spec.ToJsonString(), "minAvailable and maxUnavailable cannot be both set");
        }
        foreach (var key in (string[])["minAvailable", "maxUnavailable"])
        {
            if (spec[key] is { } value)
            {
                WorkloadValidation.ValidatePositiveIntOrPercent(value, "spec." + key, errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(value, "spec." + key, errors);
            }
        }
        LabelSelectorValidation.Validate(spec.GetObject("selector"), "spec.selector", errors);
        if (spec.GetString("unhealthyPodEvictionPolicy") is { } policy && policy is not ("AlwaysAllow" or "IfHealthyBudget"))
        {
            errors.NotSupported("spec.unhealthyPodEvictionPolicy", policy, ["AlwaysAllow", "IfHealthyBudget"]);
        }
    }
}
