using System.Globalization;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Store;

public sealed partial class ResourceStore
{
    /// <summary>
    /// Deletes an object. Objects with finalizers (including those the propagation policy adds) and pods
    /// that still have a grace period are only marked (<c>deletionTimestamp</c>); others are removed.
    /// </summary>
    public async Task<DeleteOutcome> DeleteAsync(string? ns, string name, DeleteRequest request, CancellationToken cancellationToken)
    {
        var key = Key(ns, name);
        while (true)
        {
            var current = await _kv.GetAsync(key, 0, cancellationToken).ConfigureAwait(false)
                ?? throw StatusErrors.NotFound(Resource, name);
            var obj = DecodeServed(current);
            var metadata = ObjectJson.Metadata(obj);
            CheckPreconditions(request, metadata, name);
            var alreadyDeleting = metadata["deletionTimestamp"] is not null;
            var finalizers = metadata["finalizers"] as JsonArray ?? [];
            if (!alreadyDeleting)
            {
                AddPropagationFinalizer(finalizers, request.PropagationPolicy);
            }
            var grace = GracePeriod(obj, request);
            var waitsForFinalizers = finalizers.Count > 0 || NamespaceHasSpecFinalizers(obj);
            if (alreadyDeleting)
            {
                // A second delete can only cut a pod's grace period to zero (a forced delete).
                if (waitsForFinalizers || grace > 0)
                {
                    return new DeleteOutcome(obj, Removed: false);
                }
            }
            else if (waitsForFinalizers || grace > 0)
            {
                var now = _context.Time.GetUtcNow();
                metadata["deletionTimestamp"] = ObjectJson.FormatTime(now.AddSeconds(grace));
                metadata["deletionGracePeriodSeconds"] = grace;
                if (finalizers.Count > 0)
                {
                    metadata["finalizers"] = finalizers.DeepClone();
                }
                if (Resource.Kind == "Namespace" && Resource.Group.Length == 0)
                {
                    (obj["status"] as JsonObject ?? (JsonObject)(obj["status"] = new JsonObject()))["phase"] = "Terminating";
                }
                if (request.DryRun)
                {
                    return new DeleteOutcome(obj, Removed: false);
                }
                try
                {
                    var updated = await _kv.UpdateAsync(key, EncodeStored(obj), current.ModRevision, TimeToLive, cancellationToken).ConfigureAwait(false);
                    SetResourceVersion(obj, updated.ModRevision);
                    return new DeleteOutcome(obj, Removed: false);
                }
                catch (SharpKube.Storage.StorageException e) when (e.Code is SharpKube.Storage.StorageErrorCode.Conflict)
                {
                    continue;
                }
            }
            if (request.DryRun)
            {
                return new DeleteOutcome(obj, Removed: true);
            }
            try
            {
                var deleted = await _kv.DeleteAsync(key, current.ModRevision, cancellationToken).ConfigureAwait(false);
                SetResourceVersion(obj, deleted.Revision);
                return new DeleteOutcome(obj, Removed: true);
            }
            catch (SharpKube.Storage.StorageException e)
                when (e.Code is SharpKube.Storage.StorageErrorCode.Conflict or SharpKube.Storage.StorageErrorCode.NotFound)
            {
                // Changed or removed concurrently: look again.
            }
        }
    }

    private void CheckPreconditions(DeleteRequest request, JsonObject metadata, string name)
    {
        if (request.PreconditionUid is { } uid && uid != ObjectJson.GetString(metadata, "uid"))
        {
            throw StatusErrors.Conflict(Resource, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectJson.GetString(metadata, "uid")}");
        }
        if (request.PreconditionResourceVersion is { } rv && rv != ObjectJson.GetString(metadata, "resourceVersion"))
        {
            throw StatusErrors.Conflict(Resource, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in meta: {ObjectJson.GetString(metadata, "resourceVersion")}");
        }
    }

    private static void AddPropagationFinalizer(JsonArray finalizers, string? policy)
    {
        var finalizer = policy switch
        {
            "Orphan" => "orphan",
            "Foreground" => "foregroundDeletion",
            _ => null,
        };
        if (finalizer is not null && !finalizers.Any(f => f?.GetValue<string>() == finalizer))
        {
            finalizers.Add(finalizer);
        }
    }

    /// <summary>Pods bound to a node get a grace period; everything else is deleted at once.</summary>
    private long GracePeriod(JsonObject obj, DeleteRequest request)
    {
        if (Resource.Kind != "Pod" || Resource.Group.Length != 0)
        {
            return 0;
        }
        var spec = obj["spec"] as JsonObject;
        var phase = ObjectJson.GetString(obj["status"] as JsonObject, "phase");
        if (string.IsNullOrEmpty(ObjectJson.GetString(spec, "nodeName")) || phase is "Succeeded" or "Failed")
        {
            return 0;
        }
        var grace = request.GracePeriodSeconds ?? ObjectJson.GetInt64(spec, "terminationGracePeriodSeconds") ?? 30;
        return Math.Max(grace, 0);
    }

    private bool NamespaceHasSpecFinalizers(JsonObject obj) =>
        Resource.Kind == "Namespace" && Resource.Group.Length == 0
        && obj["spec"] is JsonObject spec && spec["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>The resourceVersion of an object as a number.</summary>
    public static long ResourceVersionOf(JsonObject obj) =>
        long.TryParse(ObjectJson.GetString(ObjectJson.Metadata(obj), "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
}
