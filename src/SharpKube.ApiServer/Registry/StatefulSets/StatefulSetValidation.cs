using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.StatefulSets;

/// <summary>Validates StatefulSet specs and which of their fields an update may change.</summary>
public static class StatefulSetValidation
{
    /// <summary>Upstream's message for changes outside the mutable fields.</summary>
    public const string ForbiddenUpdateMessage =
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
        "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    private static readonly string[] MutableFields =
        ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    /// <summary>Validates the spec.</summary>
    public static void ValidateSpec(JsonObject spec, FieldErrorList errors)
    {
        var policy = spec.GetStringOrEmpty("podManagementPolicy");
        if (policy.Length == 0)
        {
            errors.Required("spec.podManagementPolicy");
        }
        else if (policy is not ("OrderedReady" or "Parallel"))
        {
            errors.Invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'");
        }
        ValidateUpdateStrategy(spec.GetObject("updateStrategy"), errors);
        ValidateRetentionPolicy(spec.GetObject("persistentVolumeClaimRetentionPolicy"), errors);
        FieldRules.NonNegative(spec.GetInt64("replicas") ?? 0, "spec.replicas", errors);
        FieldRules.NonNegative(spec.GetInt64("minReadySeconds") ?? 0, "spec.minReadySeconds", errors);
        FieldRules.NonNegative(spec.GetObject("ordinals")?.GetInt64("start"), "spec.ordinals.start", errors);
        WorkloadValidation.ValidateSelector(spec, "statefulset", errors);
        var claimNames = spec.GetArray("volumeClaimTemplates").ObjectItems()
            .Select(c => c.Item.GetObject("metadata")?.GetStringOrEmpty("name") ?? "").ToList();
        var template = spec.GetObject("template");
        var selector = spec.GetObject("selector");
        if (template is null)
        {
            errors.Required("spec.template");
            return;
        }
        var labels = template.GetObject("metadata")?.GetObject("labels");
        if (selector is not null && !LabelSelectorValidation.IsEmpty(selector) && !LabelSelectorValidation.Matches(selector, labels))
        {
            errors.InvalidRaw("spec.template.metadata.labels", GoValueFormat.StringMap(labels), "`selector` does not match template `labels`");
        }
        PodTemplateValidation.Validate(template, "spec.template", errors, claimNames);
        PodTemplateValidation.RequireRestartAlways(template, "StatefulSet", "spec.template", errors);
    }

    /// <summary>Refuses changes to spec fields other than the mutable ones.</summary>
    public static void ValidateSpecUpdate(JsonObject spec, JsonObject oldSpec, FieldErrorList errors)
    {
        var clone = (JsonObject)spec.DeepClone();
        foreach (var key in MutableFields)
        {
            clone[key] = oldSpec[key]?.DeepClone();
        }
        if (!SemanticEquality.AreEqual(clone, oldSpec))
        {
            errors.Forbidden("spec", ForbiddenUpdateMessage);
        }
    }

    private static void ValidateUpdateStrategy(JsonObject? strategy, FieldErrorList errors)
    {
        var type = strategy?.GetStringOrEmpty("type") ?? "";
        switch (type)
        {
            case "":
                errors.Required("spec.updateStrategy");
                break;
            case "OnDelete":
                if (strategy!.Has("rollingUpdate"))
                {
                    errors.InvalidRaw("spec.updateStrategy.rollingUpdate", strategy!["rollingUpdate"]!.ToJsonString(),
                        "only allowed for updateStrategy 'RollingUpdate'");
                }
                break;
            case "RollingUpdate":
                if (strategy!.GetObject("rollingUpdate") is { } rollingUpdate)
                {
                    FieldRules.NonNegative(rollingUpdate.GetInt64("partition"), "spec.updateStrategy.rollingUpdate.partition", errors);
                    if (rollingUpdate["maxUnavailable"] is { } maxUnavailable)
                    {
                        WorkloadValidation.ValidatePositiveIntOrPercent(maxUnavailable, "spec.updateStrategy.rollingUpdate.maxUnavailable", errors);
                    }
                }
                break;
            default:
                errors.InvalidRaw("spec.updateStrategy", strategy!.ToJsonString(), "must be 'RollingUpdate' or 'OnDelete'");
                break;
        }
    }

    private static void ValidateRetentionPolicy(JsonObject? policy, FieldErrorList errors)
    {
        foreach (var key in (string[])["whenDeleted", "whenScaled"])
        {
            var value = policy?.GetStringOrEmpty(key) ?? "";
            if (value is not ("Retain" or "Delete"))
            {
                errors.NotSupported("spec.persistentVolumeClaimRetentionPolicy." + key, value, ["Retain", "Delete"]);
            }
        }
    }
}
