using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Patching;
using SharpKube.ApiServer.PodLogs;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.Streaming;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// Subresources served by configured copies of the generic store: <c>status</c>, <c>scale</c>,
/// <c>pods/binding</c> and <c>namespaces/finalize</c>; <c>pods/log</c> is passed to the <see cref="PodLogProxy"/>, and
/// <c>pods/exec</c>, <c>pods/attach</c> and <c>pods/portforward</c> to the <see cref="PodStreamProxy"/>.
/// </summary>
public sealed class SubresourceHandler
{
    private readonly ReadHandler _reads;
    private readonly WriteHandler _writes;
    private readonly TimeProvider _time;
    private readonly PodLogProxy? _podLogs;
    private readonly PodStreamProxy? _podStreams;

    /// <summary>
    /// Creates the handler; without <paramref name="podLogs"/>, <c>pods/log</c> is not served, and without
    /// <paramref name="podStreams"/> neither are exec, attach and port-forward.
    /// </summary>
    public SubresourceHandler(ReadHandler reads, WriteHandler writes, TimeProvider time, PodLogProxy? podLogs = null, PodStreamProxy? podStreams = null)
    {
        _reads = reads;
        _writes = writes;
        _time = time;
        _podLogs = podLogs;
        _podStreams = podStreams;
    }

    /// <summary>Serves <c>serviceaccounts/token</c>; null leaves it unserved.</summary>
    public ServiceAccounts.TokenRequestHandler? TokenRequests { get; init; }

    /// <summary>Handles a request to <c>…/{name}/{subresource}</c>.</summary>
    public Task HandleAsync(HttpContext context, ResourceEndpoint endpoint, ApiPath path, string subresource, RequestInfo info)
    {
        var definition = endpoint.Resource.FindSubresource(subresource) ?? throw DiscoveryHandler.NotFound();
        var method = context.Request.Method;
        var verb = HttpMethods.IsGet(method) ? "get" : HttpMethods.IsPut(method) ? "update" : HttpMethods.IsPatch(method) ? "patch"
            : HttpMethods.IsPost(method) ? "create" : HttpMethods.IsDelete(method) ? "delete" : "";
        if (!definition.Verbs.Contains(verb))
        {
            throw ApiRequestHandler.NotAllowed();
        }
        var ns = path.Namespace;
        var name = path.Name!;
        return (subresource, verb) switch
        {
            ("status", "get") => _reads.GetAsync(context, endpoint, ns, name),
            ("status", "update") => _writes.UpdateAsync(context, endpoint, ns, name, "status"),
            ("status", "patch") => _writes.PatchAsync(context, endpoint, ns, name, "status"),
            ("scale", _) => ScaleAsync(context, endpoint, ns, name, verb),
            ("binding", "create") => BindAsync(context, endpoint, ns!, name),
            ("finalize", "update") => FinalizeAsync(context, endpoint, name),
            ("log", "get") when _podLogs is not null => _podLogs.HandleAsync(context, endpoint, ns!, name),
            ("exec" or "attach" or "portforward", "get" or "create") when _podStreams is not null =>
                _podStreams.HandleAsync(context, endpoint, ns!, name, subresource),
            ("token", "create") when TokenRequests is not null => TokenRequests.HandleAsync(context, endpoint, ns!, name),
            _ => throw new StatusException(404, "NotFound",
                $"the server could not find the requested resource ({subresource} is not served yet)", new StatusDetails()),
        };
    }

    private async Task ScaleAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name, string verb)
    {
        var store = endpoint.Store;
        if (verb == "get")
        {
            var current = await store.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
            await WriteScaleAsync(context, current).ConfigureAwait(false);
            return;
        }
        var options = WriteQuery.Parse(context.Request);
        PatchRequest? patch = null;
        JsonObject? replacement = null;
        if (verb == "patch")
        {
            patch = await PatchApplier.ReadAsync(context).ConfigureAwait(false);
        }
        else
        {
            var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            replacement = RequestBody.DecodeObject(body, context.Request.ContentType, endpoint.Resource, "Scale", "autoscaling/v1");
        }
        var outcome = await store.UpdateAsync(ns, name, current =>
        {
            var scale = Scale.From(current!);
            if (replacement is not null)
            {
                return Scale.ApplyTo(current!, (JsonObject)replacement.DeepClone(), endpoint.Resource.Kind);
            }
            var readVersion = ObjectJson.GetString(ObjectJson.Metadata(scale), "resourceVersion");
            var desired = PatchApplier.Apply(patch!, scale, "autoscaling/v1", "Scale", name, typeof(k8s.Models.V1Scale));
            // A patch is conditional only on a resourceVersion it sets itself (see WriteHandler.PatchAsync).
            if (ObjectJson.GetString(ObjectJson.Metadata(desired), "resourceVersion") == readVersion)
            {
                ObjectJson.Metadata(desired).Remove("resourceVersion");
            }
            return Scale.ApplyTo(current!, desired, endpoint.Resource.Kind);
        }, null, options, allowCreate: false, context.RequestAborted).ConfigureAwait(false);
        await WriteScaleAsync(context, outcome.Object).ConfigureAwait(false);
    }

    private async Task WriteScaleAsync(HttpContext context, JsonObject obj)
    {
        var format = MediaTypes.Negotiate(context.Request.Headers.Accept, null);
        await ObjectResponse.WriteAsync(context.Response, 200, ObjectJson.Serialize(Scale.From(obj)), format with { AsTable = false },
            null, _time.GetUtcNow()).ConfigureAwait(false);
    }

    private async Task BindAsync(HttpContext context, ResourceEndpoint endpoint, string ns, string name)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var binding = RequestBody.DecodeObject(body, context.Request.ContentType, endpoint.Resource, "Binding", "v1");
        var options = WriteQuery.Parse(context.Request);
        await PodBinding.BindAsync(endpoint.Store, ns, name, binding, options, _time, context.RequestAborted).ConfigureAwait(false);
        await StatusResponse.WriteSuccessAsync(context.Response, details: null, 201).ConfigureAwait(false);
    }

    private async Task FinalizeAsync(HttpContext context, ResourceEndpoint endpoint, string name)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var desired = RequestBody.DecodeObject(body, context.Request.ContentType, endpoint.Resource, "Namespace", "v1");
        var options = WriteQuery.Parse(context.Request);
        var outcome = await endpoint.Store.UpdateAsync(null, name, current =>
        {
            var updated = (JsonObject)current!.DeepClone();
            var spec = updated["spec"] as JsonObject ?? (JsonObject)(updated["spec"] = new JsonObject());
            spec["finalizers"] = (desired["spec"] as JsonObject)?["finalizers"]?.DeepClone() ?? new JsonArray();
            if (ObjectJson.GetString(ObjectJson.Metadata(desired), "resourceVersion") is { Length: > 0 } rv)
            {
                ObjectJson.Metadata(updated)["resourceVersion"] = rv;
            }
            return updated;
        }, "finalize", options, allowCreate: false, context.RequestAborted).ConfigureAwait(false);
        await ObjectResponse.WriteAsync(context.Response, 200, ObjectJson.Serialize(outcome.Object), ResponseFormat.Json, null,
            _time.GetUtcNow()).ConfigureAwait(false);
    }
}
