using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Patching;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>POST, PUT, PATCH and DELETE of a resource and its <c>status</c> subresource.</summary>
public sealed class WriteHandler
{
    private readonly TimeProvider _time;
    private readonly ReadHandler _reads;

    /// <summary>Creates the handler.</summary>
    public WriteHandler(TimeProvider time, ReadHandler reads)
    {
        _time = time;
        _reads = reads;
    }

    /// <summary>POST to a collection: create.</summary>
    public async Task CreateAsync(HttpContext context, ResourceEndpoint endpoint, string? ns)
    {
        var request = context.Request;
        var options = WriteQuery.Parse(request);
        var body = await RequestBody.ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
        var resource = endpoint.Resource;
        var obj = RequestBody.DecodeObject(body, request.ContentType, resource, resource.Kind, resource.GroupVersion);
        FieldValidation.Check(obj, body, request.ContentType, resource, options, context.Response);
        var created = await endpoint.Store.CreateStoredAsync(ns, obj, options, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, endpoint, 201, created).ConfigureAwait(false);
    }

    /// <summary>PUT of an object or its status.</summary>
    public async Task UpdateAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name, string? subresource)
    {
        var request = context.Request;
        var options = WriteQuery.Parse(request);
        var body = await RequestBody.ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
        var resource = endpoint.Resource;
        var desired = RequestBody.DecodeObject(body, request.ContentType, resource, resource.Kind, resource.GroupVersion);
        FieldValidation.Check(desired, body, request.ContentType, resource, options, context.Response);
        var outcome = await endpoint.Store.UpdateAsync(ns, name, _ => (JsonObject)desired.DeepClone(), subresource, options,
            allowCreate: false, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, endpoint, outcome.Created ? 201 : 200, outcome).ConfigureAwait(false);
    }

    /// <summary>PATCH of an object or its status, in any format <see cref="PatchApplier"/> serves.</summary>
    public async Task PatchAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name, string? subresource)
    {
        var options = WriteQuery.Parse(context.Request);
        var patch = await PatchApplier.ReadAsync(context).ConfigureAwait(false);
        PatchApplier.CheckOptions(patch, options);
        if (patch.Type == PatchType.Apply)
        {
            await ApplyAsync(context, endpoint, ns, name, subresource, patch, options).ConfigureAwait(false);
            return;
        }
        var resource = endpoint.Resource;
        IReadOnlyList<string> warnings = [];
        var outcome = await endpoint.Store.UpdateAsync(ns, name, current =>
        {
            var readVersion = ObjectJson.GetString(ObjectJson.Metadata(current!), "resourceVersion");
            var patched = PatchApplier.Apply(patch, current!, resource.GroupVersion, resource.Kind, name, resource.ModelType);
            warnings = PatchApplier.CheckUnknownFields(patch, patched, resource, options);
            // As upstream, a patch is conditional only on a resourceVersion it sets itself: the one it merely kept
            // from the object read is dropped, so a concurrent write makes the store retry instead of answering 409
            // (a patch-set version that is stale then differs from the re-read object's and conflicts).
            var patchedMetadata = ObjectJson.Metadata(patched);
            if (ObjectJson.GetString(patchedMetadata, "resourceVersion") == readVersion)
            {
                patchedMetadata.Remove("resourceVersion");
            }
            return patched;
        }, subresource, options, allowCreate: false, context.RequestAborted).ConfigureAwait(false);
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        await WriteObjectAsync(context, endpoint, 200, outcome).ConfigureAwait(false);
    }

    /// <summary>Server-side apply: PATCH with <c>application/apply-patch+yaml</c>, creating the object when missing (201).</summary>
    private async Task ApplyAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name, string? subresource,
        PatchRequest patch, WriteOptions options)
    {
        var store = endpoint.Store;
        var config = PatchApplier.ReadConfiguration(patch, endpoint.Resource, options, context.Response);
        var outcome = await store.UpdateAsync(ns, name,
            current => PatchApplier.ApplyConfiguration(current, config, store, name, subresource, options, _time.GetUtcNow()),
            subresource, options with { RecordsManagedFields = false }, allowCreate: subresource is null, context.RequestAborted)
            .ConfigureAwait(false);
        await WriteObjectAsync(context, endpoint, outcome.Created ? 201 : 200, outcome).ConfigureAwait(false);
    }

    /// <summary>DELETE of one object.</summary>
    public async Task DeleteAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name)
    {
        var options = await DeleteOptionsReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var outcome = await endpoint.Store.DeleteAsync(ns, name, options, context.RequestAborted).ConfigureAwait(false);
        var resource = endpoint.Resource;
        if (!outcome.Removed || ReturnsDeletedObject(endpoint))
        {
            await WriteObjectAsync(context, endpoint, 200, outcome.Object).ConfigureAwait(false);
            return;
        }
        await StatusResponse.WriteSuccessAsync(context.Response, new StatusDetails
        {
            Name = name,
            Group = resource.Group,
            Kind = resource.Plural,
            Uid = ObjectJson.GetString(ObjectJson.Metadata(outcome.Object), "uid"),
        }).ConfigureAwait(false);
    }

    /// <summary>DELETE of a collection: deletes every matching object and answers the list of them.</summary>
    public async Task DeleteCollectionAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, ListQuery query)
    {
        var options = await DeleteOptionsReader.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var filter = FilterCompiler.Compile(ns, query.LabelSelector, query.FieldSelector, endpoint.SelectableFields);
        await _reads.WaitForFreshEnoughAsync(null, context.RequestAborted).ConfigureAwait(false);
        var matches = endpoint.Store.Cache.List(filter, null, 0, out var revision, out _);
        var deleted = new List<byte[]>();
        foreach (var match in matches)
        {
            try
            {
                var outcome = await endpoint.Store.DeleteAsync(match.Namespace.Length == 0 ? null : match.Namespace, match.Name,
                    options, context.RequestAborted).ConfigureAwait(false);
                deleted.Add(ObjectJson.Serialize(outcome.Object));
            }
            catch (StatusException e) when (e.Code == 404)
            {
                // Already gone.
            }
        }
        await ListResponse.WriteAsync(context.Response, endpoint.Resource, deleted, revision, null, ResponseFormat.Json, null,
            _time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
    }

    private Task WriteObjectAsync(HttpContext context, ResourceEndpoint endpoint, int statusCode, UpdateOutcome outcome) =>
        WriteJsonAsync(context, endpoint, statusCode, outcome.Json ?? ObjectJson.Serialize(outcome.Object));

    private Task WriteObjectAsync(HttpContext context, ResourceEndpoint endpoint, int statusCode, JsonObject obj) =>
        WriteJsonAsync(context, endpoint, statusCode, ObjectJson.Serialize(obj));

    private async Task WriteJsonAsync(HttpContext context, ResourceEndpoint endpoint, int statusCode, byte[] json)
    {
        var format = MediaTypes.Negotiate(context.Request.Headers.Accept, context.Request.Query["includeObject"]);
        await ObjectResponse.WriteAsync(context.Response, statusCode, json, format, endpoint.Table, _time.GetUtcNow())
            .ConfigureAwait(false);
    }

    private static bool ReturnsDeletedObject(ResourceEndpoint endpoint) =>
        endpoint.Resource.Group.Length == 0 && endpoint.Resource.Plural is "pods" or "services" or "namespaces";

}
