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
        ApplyPriority(spec);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        PodDefaults.Apply(obj);
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        // Priority admission filled these on create; a client that omits them keeps them.
        var spec = obj.EnsureObject("spec");
        foreach (var key in (string[])["priority", "preemptionPolicy"])
        {
            if (!spec.Has(key) && old.GetObject("spec")?[key] is { } value)
            {
                spec[key] = value.DeepClone();
            }
        }
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
    /// What upstream's Priority admission plugin fills in for pods without a custom class: priority 0
    /// (or the built-in system classes' values) and preemptionPolicy PreemptLowerPriority. Custom classes
    /// are resolved by admission, which can read PriorityClass objects.
    /// </summary>
    private static void ApplyPriority(JsonObject spec)
    {
        var className = spec.GetStringOrEmpty("priorityClassName");
        long? priority = className switch
        {
            "" => 0,
            "system-cluster-critical" => 2000000000,
            "system-node-critical" => 2000001000,
            _ => null,
        };
        if (priority is { } value)
        {
            spec.SetIfAbsent("priority", value);
            spec.SetIfAbsent("preemptionPolicy", "PreemptLowerPriority");
        }
    }
}
