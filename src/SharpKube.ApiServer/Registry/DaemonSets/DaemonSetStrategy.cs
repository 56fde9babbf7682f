using System.Globalization;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.DaemonSets;

/// <summary>
/// apps/v1 DaemonSet: RollingUpdate maxUnavailable 1 / maxSurge 0, history 10; the template generation
/// annotation (<c>deprecated.daemonset.template.generation</c>) starts at 1 and counts template changes.
/// </summary>
public sealed class DaemonSetStrategy : WorkloadStrategy
{
    /// <summary>The annotation v1 DaemonSets carry their template generation in.</summary>
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    /// <summary>The shared instance.</summary>
    public static DaemonSetStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override JsonObject InitialStatus() => new()
    {
        ["currentNumberScheduled"] = 0,
        ["desiredNumberScheduled"] = 0,
        ["numberMisscheduled"] = 0,
        ["numberReady"] = 0,
    };

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        var annotations = obj.EnsureObject("metadata").EnsureObject("annotations");
        if (TemplateGeneration(obj) < 1)
        {
            annotations[TemplateGenerationAnnotation] = "1";
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        var generation = TemplateGeneration(old);
        if (!SemanticEquality.AreEqual(obj.GetObject("spec")?["template"], old.GetObject("spec")?["template"]))
        {
            generation++;
        }
        if (generation > 0)
        {
            obj.EnsureObject("metadata").EnsureObject("annotations")[TemplateGenerationAnnotation] =
                generation.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        var updateStrategy = spec.EnsureObject("updateStrategy");
        updateStrategy.SetIfEmpty("type", "RollingUpdate");
        if (updateStrategy.GetStringOrEmpty("type") == "RollingUpdate")
        {
            var rollingUpdate = updateStrategy.EnsureObject("rollingUpdate");
            rollingUpdate.SetIfAbsent("maxUnavailable", 1);
            rollingUpdate.SetIfAbsent("maxSurge", 0);
        }
        spec.SetIfAbsent("revisionHistoryLimit", 10);
        PodTemplateDefaults.Apply(spec.EnsureObject("template"));
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var selector = spec.GetObject("selector");
        LabelSelectorValidation.Validate(selector, "spec.selector", errors);
        var template = spec.GetObject("template") ?? [];
        var labels = template.GetObject("metadata")?.GetObject("labels");
        if (selector is null || !LabelSelectorValidation.Matches(selector, labels))
        {
            errors.InvalidRaw("spec.template.metadata.labels", GoValueFormat.StringMap(labels), "`selector` does not match template `labels`");
        }
        if (selector is not null && LabelSelectorValidation.IsEmpty(selector))
        {
            errors.InvalidRaw("spec.selector", GoValueFormat.LabelSelector(selector), "empty selector is invalid for daemonset");
        }
        PodTemplateValidation.Validate(template, "spec.template", errors);
        PodTemplateValidation.RequireRestartAlways(template, "DaemonSet", "spec.template", errors);
        FieldRules.NonNegative(spec.GetInt64("minReadySeconds") ?? 0, "spec.minReadySeconds", errors);
        ValidateUpdateStrategy(spec.GetObject("updateStrategy"), errors);
        FieldRules.NonNegative(spec.GetInt64("revisionHistoryLimit"), "spec.revisionHistoryLimit", errors);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        WorkloadValidation.ValidateSelectorImmutable(obj, old, errors);
    }

    private static long TemplateGeneration(JsonObject obj) =>
        long.TryParse(obj.GetObject("metadata")?.GetObject("annotations")?.GetString(TemplateGenerationAnnotation),
            NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) ? generation : 0;

    private static void ValidateUpdateStrategy(JsonObject? strategy, FieldErrorList errors)
    {
        const string Path = "spec.updateStrategy.rollingUpdate";
        var type = strategy?.GetStringOrEmpty("type") ?? "";
        switch (type)
        {
            case "OnDelete":
                break;
            case "RollingUpdate":
                if (strategy!.GetObject("rollingUpdate") is not { } rollingUpdate)
                {
                    errors.Required(Path);
                    break;
                }
                var maxUnavailable = rollingUpdate["maxUnavailable"];
                var maxSurge = rollingUpdate["maxSurge"];
                WorkloadValidation.ValidatePositiveIntOrPercent(maxUnavailable, Path + ".maxUnavailable", errors);
                WorkloadValidation.ValidatePositiveIntOrPercent(maxSurge, Path + ".maxSurge", errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(maxUnavailable, Path + ".maxUnavailable", errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(maxSurge, Path + ".maxSurge", errors);
                var hasUnavailable = WorkloadValidation.IntOrPercentValue(maxUnavailable) != 0;
                var hasSurge = WorkloadValidation.IntOrPercentValue(maxSurge) != 0;
                if (hasUnavailable && hasSurge)
                {
                    errors.InvalidRaw(Path + ".maxSurge", GoValueFormat.IntOrString(maxSurge), "may not be set when maxUnavailable is non-zero");
                }
                else if (!hasUnavailable && !hasSurge)
                {
                    errors.Required(Path + ".maxUnavailable", "cannot be 0 when maxSurge is 0");
                }
                break;
            default:
                errors.NotSupported("spec.updateStrategy", type, ["RollingUpdate", "OnDelete"]);
                break;
        }
    }
}
