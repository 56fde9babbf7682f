using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.Deployments;

/// <summary>apps/v1 Deployment: replicas, RollingUpdate 25%/25%, history and progress defaults; selector rules.</summary>
public sealed class DeploymentStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static DeploymentStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        spec.SetIfAbsent("replicas", 1);
        var strategy = spec.EnsureObject("strategy");
        strategy.SetIfEmpty("type", "RollingUpdate");
        if (strategy.GetStringOrEmpty("type") == "RollingUpdate")
        {
            var rollingUpdate = strategy.EnsureObject("rollingUpdate");
            rollingUpdate.SetIfAbsent("maxUnavailable", "25%");
            rollingUpdate.SetIfAbsent("maxSurge", "25%");
        }
        spec.SetIfAbsent("revisionHistoryLimit", 10);
        spec.SetIfAbsent("progressDeadlineSeconds", 600);
        PodTemplateDefaults.Apply(spec.EnsureObject("template"));
    }

    /// <summary>Status writes may change annotations, as upstream's (the controller keeps the revision there).</summary>
    public override IReadOnlyList<string> StatusWritableMetadata { get; } = ["annotations"];

    /// <summary>Annotation changes bump the generation too: they are copied to the ReplicaSets.</summary>
    public override bool IsGenerationChange(JsonObject obj, JsonObject old) =>
        base.IsGenerationChange(obj, old) ||
        !SemanticEquality.AreEqual(obj.GetObject("metadata")?["annotations"], old.GetObject("metadata")?["annotations"]);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        FieldRules.NonNegative(spec.GetInt64("replicas") ?? 0, "spec.replicas", errors);
        WorkloadValidation.ValidateSelector(spec, "deployment", errors);
        PodTemplateValidation.ValidateForReplicatedWorkload(spec.GetObject("template"), spec.GetObject("selector"), "ReplicaSet",
            "spec.template", errors);
        ValidateStrategy(spec.GetObject("strategy"), errors);
        var minReadySeconds = spec.GetInt64("minReadySeconds") ?? 0;
        FieldRules.NonNegative(minReadySeconds, "spec.minReadySeconds", errors);
        FieldRules.NonNegative(spec.GetInt64("revisionHistoryLimit"), "spec.revisionHistoryLimit", errors);
        if (spec.GetInt64("progressDeadlineSeconds") is { } deadline)
        {
            FieldRules.NonNegative(deadline, "spec.progressDeadlineSeconds", errors);
            if (deadline <= minReadySeconds)
            {
                errors.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        WorkloadValidation.ValidateSelectorImmutable(obj, old, errors);
    }

    private static void ValidateStrategy(JsonObject? strategy, FieldErrorList errors)
    {
        var type = strategy?.GetStringOrEmpty("type") ?? "";
        switch (type)
        {
            case "Recreate":
                if (strategy!.Has("rollingUpdate"))
                {
                    errors.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                }
                break;
            case "RollingUpdate":
                if (strategy!.GetObject("rollingUpdate") is not { } rollingUpdate)
                {
                    errors.Required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil");
                    break;
                }
                var maxUnavailable = rollingUpdate["maxUnavailable"];
                var maxSurge = rollingUpdate["maxSurge"];
                WorkloadValidation.ValidatePositiveIntOrPercent(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errors);
                WorkloadValidation.ValidatePositiveIntOrPercent(maxSurge, "spec.strategy.rollingUpdate.maxSurge", errors);
                if (WorkloadValidation.IntOrPercentValue(maxUnavailable) == 0 && WorkloadValidation.IntOrPercentValue(maxSurge) == 0)
                {
                    errors.InvalidRaw("spec.strategy.rollingUpdate.maxUnavailable", GoValueFormat.IntOrString(maxUnavailable),
                        "may not be 0 when `maxSurge` is 0");
                }
                WorkloadValidation.ValidateNotMoreThan100Percent(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errors);
                break;
            default:
                errors.NotSupported("spec.strategy", type, ["Recreate", "RollingUpdate"]);
                break;
        }
    }
}
