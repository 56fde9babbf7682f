using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.PersistentVolumeClaims;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.StatefulSets;

/// <summary>
/// apps/v1 StatefulSet: OrderedReady, RollingUpdate with partition 0, Retain/Retain claim policy, replicas 1,
/// history 10; claim templates get claim defaults; only some spec fields may change.
/// </summary>
public sealed class StatefulSetStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static StatefulSetStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override JsonObject InitialStatus() => new() { ["availableReplicas"] = 0, ["replicas"] = 0 };

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        spec.SetIfEmpty("podManagementPolicy", "OrderedReady");
        var updateStrategy = spec.EnsureObject("updateStrategy");
        if (updateStrategy.GetStringOrEmpty("type").Length == 0)
        {
            updateStrategy["type"] = "RollingUpdate";
            updateStrategy.EnsureObject("rollingUpdate");
        }
        if (updateStrategy.GetStringOrEmpty("type") == "RollingUpdate" && updateStrategy.GetObject("rollingUpdate") is { } rollingUpdate)
        {
            rollingUpdate.SetIfAbsent("partition", 0);
        }
        var retention = spec.EnsureObject("persistentVolumeClaimRetentionPolicy");
        retention.SetIfEmpty("whenDeleted", "Retain");
        retention.SetIfEmpty("whenScaled", "Retain");
        spec.SetIfAbsent("replicas", 1);
        spec.SetIfAbsent("revisionHistoryLimit", 10);
        PodTemplateDefaults.Apply(spec.EnsureObject("template"));
        foreach (var (_, claim) in spec.GetArray("volumeClaimTemplates").ObjectItems())
        {
            claim.EnsureObject("metadata").AddNullIfMissing("creationTimestamp");
            PersistentVolumeClaimDefaults.Apply(claim);
        }
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors) =>
        StatefulSetValidation.ValidateSpec(obj.GetObject("spec") ?? [], errors);

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        StatefulSetValidation.ValidateSpec(obj.GetObject("spec") ?? [], errors);
        StatefulSetValidation.ValidateSpecUpdate(obj.GetObject("spec") ?? [], old.GetObject("spec") ?? [], errors);
        WorkloadValidation.ValidateSelectorImmutable(obj, old, errors);
    }
}
