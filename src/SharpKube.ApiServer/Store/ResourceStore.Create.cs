using System.Text.Json;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Store;

public sealed partial class ResourceStore
{
    /// <summary>
    /// Creates an object: resolves generateName, sets uid, creationTimestamp and generation, applies the
    /// strategy's defaults, mutating admission and validation, checks the namespace, and stores it. Returns the
    /// stored object.
    /// </summary>
    public async Task<JsonObject> CreateAsync(string? ns, JsonObject obj, WriteOptions options, CancellationToken cancellationToken) =>
        (await CreateStoredAsync(ns, obj, options, cancellationToken).ConfigureAwait(false)).Object;

    /// <summary>
    /// <see cref="CreateAsync"/>, also returning the created object's JSON when the write produced it (see
    /// <see cref="UpdateOutcome.Json"/>).
    /// </summary>
    public async Task<UpdateOutcome> CreateStoredAsync(string? ns, JsonObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var metadata = ObjectJson.Metadata(obj);
        if (Resource.Namespaced)
        {
            if (ObjectJson.GetString(metadata, "namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
            {
                throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }
        if (!string.IsNullOrEmpty(ObjectJson.GetString(metadata, "resourceVersion")))
        {
            throw StatusErrors.BadRequest("resourceVersion should not be set on objects to be created");
        }
        metadata.Remove("resourceVersion");
        if (string.IsNullOrEmpty(ObjectJson.GetString(metadata, "name"))
            && ObjectJson.GetString(metadata, "generateName") is { Length: > 0 } prefix)
        {
            metadata["name"] = GenerateName(prefix);
        }
        PrepareSystemMetadataForCreate(metadata);
        Strategy.PrepareForCreate(obj);
        RecordManagedFields(null, obj, null, options, resetRequested: false);
        // As upstream's create handler, the request's fields are credited before mutating admission runs, so what
        // admission adds (the default tolerations of a pod) is owned by no manager.
        await AdmitAsync(obj, null, cancellationToken).ConfigureAwait(false);
        if (BeforeCreate is { } beforeCreate)
        {
            await beforeCreate(obj, options.DryRun, cancellationToken).ConfigureAwait(false);
        }
        Validate(obj, null);
        var name = NameOf(obj);
        if (Resource.Namespaced)
        {
            await EnsureNamespaceAcceptsObjectsAsync(ns!, name, cancellationToken).ConfigureAwait(false);
        }
        if (options.DryRun)
        {
            return new UpdateOutcome(obj, Created: true);
        }
        try
        {
            var stored = EncodeStored(obj);
            var created = await _kv.CreateAsync(Key(ns, name), stored, TimeToLive, cancellationToken).ConfigureAwait(false);
            SetResourceVersion(obj, created.ModRevision);
            return new UpdateOutcome(obj, Created: true) { Json = ServedJsonOfWrite(stored, created.ModRevision) };
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.AlreadyExists)
        {
            throw StatusErrors.AlreadyExists(Resource, name);
        }
    }

    private void PrepareSystemMetadataForCreate(JsonObject metadata)
    {
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectJson.FormatTime(_context.Time.GetUtcNow());
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("selfLink");
        DropEmptyMetadataCollections(metadata);
        if (Strategy.TracksGeneration)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }
    }

    private async Task EnsureNamespaceAcceptsObjectsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        using var namespaceObject = await _context.FindNamespace(ns, cancellationToken).ConfigureAwait(false);
        if (namespaceObject is null)
        {
            throw new StatusException(404, "NotFound", $"namespaces \"{ns}\" not found",
                new StatusDetails { Name = ns, Kind = "namespaces" });
        }
        var root = namespaceObject.RootElement;
        var terminating = root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("deletionTimestamp", out _)
            || root.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var phase)
                && phase.ValueKind == JsonValueKind.String && phase.GetString() == "Terminating";
        if (terminating)
        {
            throw new StatusException(403, "Forbidden",
                $"{Resource.QualifiedResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new StatusDetails { Name = name, Group = Resource.Group, Kind = Resource.Plural,
                    Causes = [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")] });
        }
    }
}
