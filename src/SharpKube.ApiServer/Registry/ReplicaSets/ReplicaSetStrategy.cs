using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.ReplicaSets;

/// <summary>apps/v1 ReplicaSet: replicas 1, status <c>{replicas: 0}</c>, selector rules.</summary>
public sealed class ReplicaSetStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static ReplicaSetStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override JsonObject InitialStatus() => new() { ["replicas"] = 0 };

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        spec.SetIfAbsent("replicas", 1);
        PodTemplateDefaults.Apply(spec.EnsureObject("template"));
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        FieldRules.NonNegative(spec.GetInt64("replicas") ?? 0, "spec.replicas", errors);
        FieldRules.NonNegative(spec.GetInt64("minReadySeconds") ?? 0, "spec.minReadySeconds", errors);
        // Upstream's ReplicaSet message says "deployment" as well.
        WorkloadValidation.ValidateSelector(spec, "deployment", errors);
        PodTemplateValidation.ValidateForReplicatedWorkload(spec.GetObject("template"), spec.GetObject("selector"), "ReplicaSet",
            "spec.template", errors);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        WorkloadValidation.ValidateSelectorImmutable(obj, old, errors);
    }
}
