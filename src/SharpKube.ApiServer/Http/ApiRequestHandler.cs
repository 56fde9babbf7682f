using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Responses;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// Serves <c>/api</c> and <c>/apis</c>: parses the path, routes discovery, and dispatches resource
/// requests by verb. Every failure becomes a <c>metav1.Status</c>.
/// </summary>
public sealed class ApiRequestHandler
{
    private readonly ResourceCatalog _catalog;
    private readonly DiscoveryHandler _discovery;
    private readonly ReadHandler _reads;
    private readonly WriteHandler _writes;
    private readonly SubresourceHandler _subresources;
    private readonly VirtualResourceHandler _virtual;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public ApiRequestHandler(ResourceCatalog catalog, DiscoveryHandler discovery, ReadHandler reads, WriteHandler writes,
        SubresourceHandler subresources, VirtualResourceHandler virtualResources, ILogger logger)
    {
        _catalog = catalog;
        _discovery = discovery;
        _reads = reads;
        _writes = writes;
        _subresources = subresources;
        _virtual = virtualResources;
        _logger = logger;
    }

    /// <summary>Handles one request under <c>/api</c> or <c>/apis</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var info = new RequestInfo();
        context.Features.Set(info);
        try
        {
            var path = ApiPath.Parse(context.Request.Path.Value ?? "") ?? throw DiscoveryHandler.NotFound();
            if (path.IsDiscovery)
            {
                await _discovery.HandleAsync(context, path).ConfigureAwait(false);
                return;
            }
            var endpoint = _catalog.Find(path.Group, path.Version!, path.Resource!);
            if (endpoint is null)
            {
                var definition = _catalog.Registry.Find(path.Group, path.Version!, path.Resource!);
                if (definition is not { Persisted: false })
                {
                    throw DiscoveryHandler.NotFound();
                }
                await _virtual.HandleAsync(context, definition, path).ConfigureAwait(false);
                return;
            }
            info.Describe(path, endpoint);
            await DispatchAsync(context, endpoint, path, info).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await WriteErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is JsonException or FormatException && !context.Response.HasStarted)
        {
            await WriteErrorAsync(context, StatusErrors.BadRequest(e.Message)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, StatusErrors.Internal(e.Message)).ConfigureAwait(false);
        }
    }

    private Task DispatchAsync(HttpContext context, ResourceEndpoint endpoint, ApiPath path, RequestInfo info)
    {
        var method = context.Request.Method;
        var resource = endpoint.Resource;
        if (resource.Namespaced && path.Namespace is null && path.Name is not null)
        {
            throw DiscoveryHandler.NotFound();
        }
        if (!resource.Namespaced && path.Namespace is not null)
        {
            throw DiscoveryHandler.NotFound();
        }
        if (path.Subresource is { } subresource)
        {
            return _subresources.HandleAsync(context, endpoint, path, subresource, info);
        }
        if (path.Name is null)
        {
            if (HttpMethods.IsGet(method))
            {
                var query = ListQuery.Parse(context.Request.Query);
                info.Verb = query.Watch ? "WATCH" : "LIST";
                Require(resource, query.Watch ? "watch" : "list");
                return query.Watch
                    ? _reads.WatchAsync(context, endpoint, path.Namespace, query)
                    : _reads.ListAsync(context, endpoint, path.Namespace, query);
            }
            if (HttpMethods.IsPost(method))
            {
                Require(resource, "create");
                if (resource.Namespaced && path.Namespace is null)
                {
                    throw DiscoveryHandler.NotFound();
                }
                return _writes.CreateAsync(context, endpoint, path.Namespace);
            }
            if (HttpMethods.IsDelete(method))
            {
                Require(resource, "deletecollection");
                return _writes.DeleteCollectionAsync(context, endpoint, path.Namespace, ListQuery.Parse(context.Request.Query));
            }
            throw NotAllowed();
        }
        var name = path.Name;
        if (HttpMethods.IsGet(method))
        {
            Require(resource, "get");
            return _reads.GetAsync(context, endpoint, path.Namespace, name);
        }
        if (HttpMethods.IsPut(method))
        {
            Require(resource, "update");
            return _writes.UpdateAsync(context, endpoint, path.Namespace, name, null);
        }
        if (HttpMethods.IsPatch(method))
        {
            Require(resource, "patch");
            return _writes.PatchAsync(context, endpoint, path.Namespace, name, null);
        }
        if (HttpMethods.IsDelete(method))
        {
            Require(resource, "delete");
            return _writes.DeleteAsync(context, endpoint, path.Namespace, name);
        }
        throw NotAllowed();
    }

    private static void Require(ApiMachinery.Registry.ResourceDefinition resource, string verb)
    {
        if (!resource.Verbs.Contains(verb))
        {
            throw NotAllowed();
        }
    }

    internal static StatusException NotAllowed() =>
        StatusErrors.MethodNotAllowed("the server does not allow this method on the requested resource");

    private static async Task WriteErrorAsync(HttpContext context, StatusException error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.Clear();
        await StatusResponse.WriteAsync(context.Response, error).ConfigureAwait(false);
    }
}
