using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Discovery;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Http;

/// <summary>Serves discovery: <c>/api</c>, <c>/apis</c> (legacy or aggregated), <c>/apis/{group}</c> and group-version resource lists.</summary>
public sealed class DiscoveryHandler
{
    private readonly DiscoveryDocuments _documents;

    /// <summary>Creates the handler over precomputed documents.</summary>
    public DiscoveryHandler(DiscoveryDocuments documents) => _documents = documents;

    /// <summary>Answers a discovery path.</summary>
    public Task HandleAsync(HttpContext context, ApiPath path)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw StatusErrors.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
        var isCore = context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/apis");
        DiscoveryDocument? document;
        if (path.Version is null && (isCore || path.Group.Length == 0))
        {
            var aggregated = DiscoveryNegotiation.SelectAggregatedVersion(context.Request.Headers.Accept);
            document = aggregated is { } version
                ? isCore ? _documents.AggregatedCore(version) : _documents.AggregatedGroups(version)
                : isCore ? _documents.ApiVersions(ServerAddress(context)) : _documents.ApiGroupList;
        }
        else if (path.Version is null)
        {
            _documents.TryGetApiGroup(path.Group, out document);
        }
        else
        {
            _documents.TryGetResourceList(path.Group, path.Version, out document);
        }
        if (document is null)
        {
            throw NotFound();
        }
        return WriteAsync(context, document);
    }

    /// <summary>404 for a path that names no API.</summary>
    public static StatusException NotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    private static async Task WriteAsync(HttpContext context, DiscoveryDocument document)
    {
        var response = context.Response;
        response.Headers.ETag = document.ETag;
        response.Headers.Vary = "Accept";
        if (context.Request.Headers.IfNoneMatch.ToString() == document.ETag)
        {
            response.StatusCode = 304;
            return;
        }
        response.StatusCode = 200;
        response.ContentType = document.ContentType;
        await response.Body.WriteAsync(document.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string ServerAddress(HttpContext context) =>
        context.Request.Host.HasValue ? context.Request.Host.Value! : $"{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}";
}
