using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.ReplicationControllers;

/// <summary>
/// core/v1 ReplicationController: replicas 1; selector and labels default to the template's labels; the map
/// selector must match the template.
/// </summary>
public sealed class ReplicationControllerStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static ReplicationControllerStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override JsonObject InitialStatus() => new() { ["replicas"] = 0 };

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        if (spec.GetObject("template")?.GetObject("metadata")?.GetObject("labels") is { } labels)
        {
            if ((spec.GetObject("selector")?.Count ?? 0) == 0)
            {
                spec["selector"] = labels.DeepClone();
            }
            var metadata = obj.EnsureObject("metadata");
            if ((metadata.GetObject("labels")?.Count ?? 0) == 0)
            {
                metadata["labels"] = labels.DeepClone();
            }
        }
        spec.SetIfAbsent("replicas", 1);
        if (spec.GetObject("template") is { } template)
        {
            PodTemplateDefaults.Apply(template);
        }
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        FieldRules.NonNegative(spec.GetInt64("minReadySeconds") ?? 0, "spec.minReadySeconds", errors);
        var selector = spec.GetObject("selector");
        if ((selector?.Count ?? 0) == 0)
        {
            errors.Required("spec.selector");
        }
        FieldRules.NonNegative(spec.GetInt64("replicas") ?? 0, "spec.replicas", errors);
        if (spec.GetObject("template") is not { } template)
        {
            errors.Required("spec.template");
            return;
        }
        var labels = template.GetObject("metadata")?.GetObject("labels");
        if (selector is { Count: > 0 } && !LabelSelectorValidation.Matches(new JsonObject { ["matchLabels"] = selector.DeepClone() }, labels))
        {
            errors.InvalidRaw("spec.template.metadata.labels", GoValueFormat.StringMap(labels), "selector does not match labels in spec.template");
        }
        PodTemplateValidation.Validate(template, "spec.template", errors);
        PodTemplateValidation.RequireRestartAlways(template, "ReplicationController", "spec.template", errors);
    }
}
