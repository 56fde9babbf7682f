using System.Globalization;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Store;

public sealed partial class ResourceStore
{
    private static readonly string[] SystemMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    /// <summary>
    /// Updates an object with optimistic concurrency: reads it, computes the desired state with
    /// <paramref name="transform"/>, and writes it if nothing changed in between — retrying when the
    /// desired state carries no resourceVersion precondition, answering 409 Conflict when it does.
    /// <paramref name="subresource"/> <c>status</c> changes only the status.
    /// </summary>
    public async Task<UpdateOutcome> UpdateAsync(string? ns, string name, ObjectTransform transform, string? subresource,
        WriteOptions options, bool allowCreate, CancellationToken cancellationToken)
    {
        var key = Key(ns, name);
        // As upstream's GuaranteedUpdate with the watch cache's copy: the first attempt starts from the cached object,
        // saving a datastore read; anything that could come from a stale copy (a storage conflict, a refused
        // precondition or transform, a no-op) starts over from the datastore.
        var fromCache = !options.DryRun;
        while (true)
        {
            var current = fromCache && Cache.Get(ns ?? "", name) is { } cached
                ? new KeyValue(key, cached.Json, 0, cached.ResourceVersion)
                : await _kv.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
            var stale = fromCache && current is not null;
            fromCache = false;
            if (current is null)
            {
                if (!allowCreate || subresource is not null)
                {
                    throw StatusErrors.NotFound(Resource, name);
                }
                var desired = transform(null);
                CheckIdentity(desired, ns, name);
                ObjectJson.Metadata(desired).Remove("resourceVersion");
                try
                {
                    var created = await CreateStoredAsync(ns, desired, options, cancellationToken).ConfigureAwait(false);
                    return new UpdateOutcome(created.Object, Created: true) { Json = created.Json };
                }
                catch (StatusException e) when (e.Reason == "AlreadyExists")
                {
                    continue;
                }
            }
            var old = DecodeServed(current);
            var currentVersion = current.ModRevision.ToString(CultureInfo.InvariantCulture);
            JsonObject obj;
            try
            {
                obj = transform((JsonObject)old.DeepClone());
                var requested = ObjectJson.GetString(ObjectJson.Metadata(obj), "resourceVersion");
                var hasPrecondition = !string.IsNullOrEmpty(requested);
                if (hasPrecondition && requested != currentVersion)
                {
                    throw StatusErrors.Conflict(Resource, name);
                }
                CheckIdentity(obj, ns, name);
                var requestedManagedFields = ObjectJson.Metadata(obj)["managedFields"];
                var resetManagedFields = requestedManagedFields is JsonArray { Count: 0 };
                obj = Merge(obj, old, subresource);
                if (options.RecordsManagedFields)
                {
                    RecordManagedFields(old, obj, subresource, options, resetManagedFields);
                }
                else
                {
                    // The caller (server-side apply) worked them out, also for a subresource whose other changes are dropped.
                    SetOrRemove(ObjectJson.Metadata(obj), "managedFields", requestedManagedFields?.DeepClone());
                }
            }
            catch (StatusException) when (stale)
            {
                continue;
            }
            ObjectJson.Metadata(obj)["resourceVersion"] = currentVersion;
            if (PendingDeletionComplete(obj))
            {
                if (options.DryRun)
                {
                    return new UpdateOutcome(obj, Removed: true);
                }
                try
                {
                    var deleted = await _kv.DeleteAsync(key, current.ModRevision, cancellationToken).ConfigureAwait(false);
                    SetResourceVersion(obj, deleted.Revision);
                    return new UpdateOutcome(obj, Removed: true);
                }
                catch (StorageException e) when (e.Code is StorageErrorCode.Conflict or StorageErrorCode.NotFound)
                {
                    continue;
                }
            }
            if (ObjectJson.SameJson(obj, old))
            {
                if (stale)
                {
                    continue;
                }
                return new UpdateOutcome(old);
            }
            if (BeforeUpdate is { } beforeUpdate)
            {
                try
                {
                    await beforeUpdate(obj, old, options.DryRun, cancellationToken).ConfigureAwait(false);
                }
                catch (StatusException) when (stale)
                {
                    continue;
                }
            }
            if (options.DryRun)
            {
                return new UpdateOutcome(obj);
            }
            try
            {
                var stored = EncodeStored(obj);
                var updated = await _kv.UpdateAsync(key, stored, current.ModRevision, TimeToLive, cancellationToken).ConfigureAwait(false);
                SetResourceVersion(obj, updated.ModRevision);
                return new UpdateOutcome(obj) { Json = ServedJsonOfWrite(stored, updated.ModRevision) };
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.Conflict or StorageErrorCode.NotFound)
            {
                // Changed in between: start over from the new state. A resourceVersion the caller sent is checked
                // against it at the top (409); one the desired state only carried over from the state read (a patch
                // without a resourceVersion) matches again, so such writes retry as upstream's GuaranteedUpdate does.
            }
        }
    }

    /// <summary>Applies the generic update rules, the strategy and (to the main resource) mutating admission to a desired object.</summary>
    private JsonObject Merge(JsonObject obj, JsonObject old, string? subresource)
    {
        if (subresource == "status")
        {
            KeepAllButStatus(obj, old);
        }
        else if (subresource is null && Strategy.HasStatusSubresource)
        {
            SetOrRemove(obj, "status", old["status"]?.DeepClone());
        }
        var metadata = ObjectJson.Metadata(obj);
        var oldMetadata = ObjectJson.Metadata(old);
        foreach (var field in SystemMetadata)
        {
            SetOrRemove(metadata, field, oldMetadata[field]?.DeepClone());
        }
        metadata.Remove("selfLink");
        DropEmptyMetadataCollections(metadata);
        if (subresource is null)
        {
            Strategy.PrepareForUpdate(obj, old);
            Admit(obj, old);
        }
        // Internal subresources (pods/binding) make trusted changes the kind's update rules would refuse.
        if (subresource is null or "status")
        {
            Validate(obj, old, subresource);
        }
        // Status writes never count as a generation change, also where they may change annotations.
        if (Strategy.TracksGeneration && subresource != "status" && Strategy.IsGenerationChange(obj, old))
        {
            metadata["generation"] = (ObjectJson.GetInt64(oldMetadata, "generation") ?? 0) + 1;
        }
        return obj;
    }

    /// <summary>
    /// Makes a status write (<paramref name="obj"/>, the caller's private copy) change nothing but the status and
    /// the metadata fields the strategy lets status writes set: every other field is put back as in
    /// <paramref name="old"/>. A field the write left equal is kept, not copied again; most status writes change
    /// nothing else.
    /// </summary>
    private void KeepAllButStatus(JsonObject obj, JsonObject old)
    {
        RestoreFields(obj, old, except: ["status", "metadata"]);
        RestoreFields(ObjectJson.Metadata(obj), ObjectJson.Metadata(old), except: Strategy.StatusWritableMetadata);
    }

    /// <summary>Sets every member of <paramref name="obj"/> but <paramref name="except"/> to <paramref name="old"/>'s value.</summary>
    private static void RestoreFields(JsonObject obj, JsonObject old, IReadOnlyCollection<string> except)
    {
        List<string>? added = null;
        foreach (var (name, _) in obj)
        {
            if (!except.Contains(name) && !old.ContainsKey(name))
            {
                (added ??= []).Add(name);
            }
        }
        foreach (var name in added ?? [])
        {
            obj.Remove(name);
        }
        foreach (var (name, oldValue) in old)
        {
            if (except.Contains(name))
            {
                continue;
            }
            if (!obj.TryGetPropertyValue(name, out var value) || !JsonNode.DeepEquals(value, oldValue))
            {
                obj[name] = oldValue?.DeepClone();
            }
        }
    }

    private void CheckIdentity(JsonObject obj, string? ns, string name)
    {
        var metadata = ObjectJson.Metadata(obj);
        var bodyName = ObjectJson.GetString(metadata, "name");
        if (string.IsNullOrEmpty(bodyName))
        {
            metadata["name"] = name;
        }
        else if (bodyName != name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        if (Resource.Namespaced)
        {
            var bodyNamespace = ObjectJson.GetString(metadata, "namespace");
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            {
                throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }
    }

    private bool PendingDeletionComplete(JsonObject obj)
    {
        var metadata = ObjectJson.Metadata(obj);
        if (metadata["deletionTimestamp"] is null)
        {
            return false;
        }
        if (metadata["finalizers"] is JsonArray { Count: > 0 })
        {
            return false;
        }
        if (Resource.Kind == "Namespace" && Resource.Group.Length == 0
            && obj["spec"] is JsonObject spec && spec["finalizers"] is JsonArray { Count: > 0 })
        {
            return false;
        }
        // Pods wait out their grace period; the kubelet (or a forced delete) removes them.
        return !(Resource.Kind == "Pod" && Resource.Group.Length == 0 && (ObjectJson.GetInt64(metadata, "deletionGracePeriodSeconds") ?? 0) > 0);
    }

    /// <summary>
    /// Upstream stores ObjectMeta's maps and lists with omitempty, so removing the last label or annotation
    /// (e.g. <c>kubectl annotate x key-</c>, a merge patch to null) leaves no empty <c>{}</c> behind.
    /// </summary>
    private static void DropEmptyMetadataCollections(JsonObject metadata)
    {
        foreach (var field in new[] { "labels", "annotations", "finalizers", "ownerReferences", "managedFields" })
        {
            if (metadata[field] is JsonObject { Count: 0 } or JsonArray { Count: 0 })
            {
                metadata.Remove(field);
            }
        }
    }

    private static void SetOrRemove(JsonObject obj, string name, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
    }
}
