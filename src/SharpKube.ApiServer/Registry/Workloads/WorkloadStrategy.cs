using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Workloads;

/// <summary>
/// What controllers' objects share (Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers,
/// Jobs, CronJobs): a status subresource reset on create and kept on update, generation tracking, and defaults
/// applied to every write.
/// </summary>
public abstract class WorkloadStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <summary>The status of a new object, as upstream serializes its empty status struct.</summary>
    protected virtual JsonObject InitialStatus() => [];

    /// <summary>Applies the kind's defaults in place (including those of its pod template).</summary>
    protected abstract void ApplyDefaults(JsonObject obj);

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = InitialStatus().AsParsed();
        ApplyDefaults(obj);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone() ?? InitialStatus().AsParsed();
        ApplyDefaults(obj);
    }

    /// <summary>The <c>spec</c> of an object, created when absent so defaults have a place to go.</summary>
    protected static JsonObject Spec(JsonObject obj) => obj.EnsureObject("spec");
}
