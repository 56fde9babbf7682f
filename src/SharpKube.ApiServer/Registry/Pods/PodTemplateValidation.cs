using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates an embedded pod template (labels, annotations, spec).</summary>
public static class PodTemplateValidation
{
    /// <summary>
    /// Validates the template at <paramref name="path"/>. As upstream does, label and annotation errors are
    /// reported at <c>&lt;path&gt;.labels</c> / <c>&lt;path&gt;.annotations</c> (without <c>metadata</c>).
    /// </summary>
    public static void Validate(JsonObject? template, string path, FieldErrorList errors, IEnumerable<string>? extraVolumes = null)
    {
        var metadata = template?.GetObject("metadata");
        LabelValidation.ValidateLabels(metadata?.GetObject("labels"), path + ".labels", errors);
        LabelValidation.ValidateAnnotations(metadata?.GetObject("annotations"), path + ".annotations", errors);
        var spec = template?.GetObject("spec");
        PodSpecValidation.Validate(spec, path + ".spec", errors, extraVolumes);
        if (spec?.GetArray("ephemeralContainers").CountOf() > 0)
        {
            errors.Forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template");
        }
    }

    /// <summary>
    /// The checks a replicated workload adds (ReplicaSet, Deployment, StatefulSet, DaemonSet): the selector must
    /// match the template labels, restartPolicy must be Always, and activeDeadlineSeconds is refused.
    /// </summary>
    public static void ValidateForReplicatedWorkload(JsonObject? template, JsonObject? selector, string kind, string path,
        FieldErrorList errors)
    {
        if (template is null)
        {
            errors.Required(path);
            return;
        }
        var labels = template.GetObject("metadata")?.GetObject("labels");
        if (selector is not null && !LabelSelectorValidation.IsEmpty(selector) && !LabelSelectorValidation.Matches(selector, labels))
        {
            errors.InvalidRaw(path + ".metadata.labels", GoValueFormat.StringMap(labels), "`selector` does not match template `labels`");
        }
        Validate(template, path, errors);
        RequireRestartAlways(template, kind, path, errors);
    }

    /// <summary>restartPolicy must be Always and activeDeadlineSeconds unset in a controller's template.</summary>
    public static void RequireRestartAlways(JsonObject template, string kind, string path, FieldErrorList errors)
    {
        var spec = template.GetObject("spec");
        var restartPolicy = spec?.GetStringOrEmpty("restartPolicy") ?? "";
        if (restartPolicy != "Always")
        {
            errors.NotSupported(path + ".spec.restartPolicy", restartPolicy, ["Always"]);
        }
        if (spec?.Has("activeDeadlineSeconds") == true)
        {
            errors.Forbidden(path + ".spec.activeDeadlineSeconds", $"activeDeadlineSeconds in {kind} is not Supported");
        }
    }
}
