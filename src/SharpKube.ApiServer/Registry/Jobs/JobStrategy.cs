using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.Jobs;

/// <summary>batch/v1 Job: defaults, generated selector and labels, template rules, immutable selector and template.</summary>
public sealed class JobStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static JobStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj) => JobDefaults.Apply(obj);

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        var unlabelled = (obj.GetObject("metadata")?.GetObject("labels")?.Count ?? 0) == 0;
        base.PrepareForCreate(obj);
        JobDefaults.GenerateSelector(obj);
        if (unlabelled)
        {
            obj.EnsureObject("metadata").Remove("labels");
            JobDefaults.CopyTemplateLabels(obj);
        }
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        ValidateGeneratedSelector(obj, errors);
        ValidateSpec(obj.GetObject("spec") ?? [], errors);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var oldSpec = old.GetObject("spec") ?? [];
        ValidateSpec(spec, errors);
        if (spec.GetString("completionMode") != "Indexed" || spec.GetInt64("completions") != spec.GetInt64("parallelism"))
        {
            FieldRules.Immutable(spec["completions"], oldSpec["completions"], "spec.completions", errors);
        }
        FieldRules.Immutable(spec["selector"], oldSpec["selector"], "spec.selector", errors, v => GoValueFormat.LabelSelector(v as JsonObject));
        ValidateTemplateUpdate(spec, oldSpec, old.GetObject("status"), errors);
        foreach (var key in (string[])["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"])
        {
            FieldRules.Immutable(spec[key], oldSpec[key], "spec." + key, errors);
        }
    }

    private static void ValidateSpec(JsonObject spec, FieldErrorList errors)
    {
        JobSpecValidation.Validate(spec, "spec", errors);
        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Required("spec.selector");
            return;
        }
        LabelSelectorValidation.Validate(selector, "spec.selector", errors);
        var labels = spec.GetObject("template")?.GetObject("metadata")?.GetObject("labels");
        if (!LabelSelectorValidation.Matches(selector, labels))
        {
            errors.InvalidRaw("spec.template.metadata.labels", GoValueFormat.StringMap(labels), "`selector` does not match template `labels`");
        }
    }

    /// <summary>With a generated selector, the template must carry the Job's uid and name labels unchanged.</summary>
    private static void ValidateGeneratedSelector(JsonObject job, FieldErrorList errors)
    {
        var spec = job.GetObject("spec") ?? [];
        var labels = spec.GetObject("template")?.GetObject("metadata")?.GetObject("labels");
        if (spec.GetBoolean("manualSelector") == true || labels is null)
        {
            return;
        }
        var metadata = job.GetObject("metadata") ?? [];
        var uid = metadata.GetStringOrEmpty("uid");
        var name = metadata.GetStringOrEmpty("name");
        foreach (var (key, expected) in new[]
        {
            (JobDefaults.LegacyControllerUidLabel, uid), (JobDefaults.LegacyJobNameLabel, name),
            (JobDefaults.ControllerUidLabel, uid), (JobDefaults.JobNameLabel, name),
        })
        {
            var path = $"spec.template.metadata.labels[{key}]";
            if (labels.GetString(key) is not { } actual)
            {
                errors.Required(path, key);
            }
            else if (actual != expected)
            {
                errors.InvalidRaw(path, GoValueFormat.StringMap(labels), $"must be '{expected}'");
            }
        }
    }

    /// <summary>
    /// The template is immutable, except that a suspended Job that never started may change its scheduling
    /// directives (node selector and affinity, tolerations, scheduling gates, labels, annotations).
    /// </summary>
    private static void ValidateTemplateUpdate(JsonObject spec, JsonObject oldSpec, JsonObject? oldStatus, FieldErrorList errors)
    {
        var template = spec["template"];
        var oldTemplate = oldSpec["template"]?.DeepClone() as JsonObject;
        if (oldSpec.GetBoolean("suspend") == true && oldStatus?.Has("startTime") != true && template is JsonObject current && oldTemplate is not null)
        {
            var oldPodSpec = oldTemplate.EnsureObject("spec");
            var podSpec = current.GetObject("spec") ?? [];
            foreach (var key in (string[])["nodeSelector", "tolerations", "schedulingGates"])
            {
                oldPodSpec[key] = podSpec[key]?.DeepClone();
            }
            if (podSpec.GetObject("affinity") is { } affinity)
            {
                oldPodSpec.EnsureObject("affinity")["nodeAffinity"] = affinity["nodeAffinity"]?.DeepClone();
            }
            else
            {
                oldPodSpec.GetObject("affinity")?.Remove("nodeAffinity");
            }
            var oldMeta = oldTemplate.EnsureObject("metadata");
            oldMeta["labels"] = current.GetObject("metadata")?["labels"]?.DeepClone();
            oldMeta["annotations"] = current.GetObject("metadata")?["annotations"]?.DeepClone();
        }
        FieldRules.Immutable(template, oldTemplate, "spec.template", errors, v => "core.PodTemplateSpec" + (v?.ToJsonString() ?? "{}"));
    }
}
