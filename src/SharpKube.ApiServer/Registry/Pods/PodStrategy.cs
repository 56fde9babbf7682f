using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>core/v1 Pod: defaults, status on create, spec validation, and the narrow set of allowed spec updates.</summary>
public sealed class PodStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static PodStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        PodDefaults.Apply(obj);
        var spec = obj.EnsureObject("spec");
        var status = new JsonObject
        {
            ["phase"] = "Pending",
            ["qosClass"] = PodQosClass.Compute(spec),
        };
        if (spec.GetArray("schedulingGates").CountOf() > 0)
        {
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = null,
                ["reason"] = "SchedulingGated",
                ["message"] = "Scheduling is blocked due to non-empty scheduling gates",
            });
        }
        obj["status"] = status;
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        PodDefaults.Apply(obj);
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        KeepPriority(obj.EnsureObject("spec"), old.GetObject("spec"));
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        PodSpecValidation.Validate(obj.GetObject("spec"), "spec", errors);
        if (obj.GetObject("spec")?.GetArray("ephemeralContainers").CountOf() > 0)
        {
            errors.Forbidden("spec.ephemeralContainers", "cannot be set on create");
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        PodSpecValidation.Validate(obj.GetObject("spec"), "spec", errors);
        PodUpdateValidation.Validate(obj, old, errors);
    }

    /// <summary>
    /// As upstream, a status write does not validate the spec again: it is the stored one, unchanged, and a pod
    /// whose spec a later, stricter rule would refuse must still be able to report its status.
    /// </summary>
    public override void ValidateStatusUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
    }

    /// <summary>
    /// Like upstream's Priority admission on update: a replace that omits the priority fields set on create
    /// keeps them, so <c>kubectl replace -f</c> of the original manifest is not refused as a spec change.
    /// </summary>
    private static void KeepPriority(JsonObject spec, JsonObject? oldSpec)
    {
        foreach (var field in new[] { "priority", "preemptionPolicy" })
        {
            if (spec[field] is null && oldSpec?[field] is { } value)
            {
                spec[field] = value.DeepClone();
            }
        }
    }
}
