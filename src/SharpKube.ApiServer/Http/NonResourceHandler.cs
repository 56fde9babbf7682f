using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiServer.Metrics;
using SharpKube.ApiServer.NodeJoin;
using SharpKube.ApiServer.Responses;

namespace SharpKube.ApiServer.Http;

/// <summary>The non-resource endpoints: <c>/version</c>, health checks, OpenAPI, <c>/metrics</c> and the node-join endpoints.</summary>
public sealed class NonResourceHandler
{
    /// <summary>The Kubernetes version served.</summary>
    public const string GitVersion = "v1.32.0+sharpkube";

    private readonly OpenApiV3Documents _openApi;
    private readonly ApiServerMetrics _metrics;
    private readonly Func<bool> _ready;
    private readonly NodeJoinHandler? _nodeJoin;
    private readonly byte[] _version;

    /// <summary>
    /// Creates the handler; <paramref name="ready"/> says whether the server can serve (for <c>/readyz</c>);
    /// <paramref name="nodeJoin"/> serves <c>/cacerts</c> and node credentials when given.
    /// </summary>
    public NonResourceHandler(OpenApiV3Documents openApi, ApiServerMetrics metrics, Func<bool> ready, NodeJoinHandler? nodeJoin = null)
    {
        _openApi = openApi;
        _nodeJoin = nodeJoin;
        _metrics = metrics;
        _ready = ready;
        _version = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["major"] = "1",
            ["minor"] = "32",
            ["gitVersion"] = GitVersion,
            ["gitCommit"] = "sharpkube",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-11-27T00:00:00Z",
            ["goVersion"] = "dotnet" + Environment.Version,
            ["compiler"] = "dotnet",
            ["platform"] = "linux/" + (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64"),
        });
    }

    /// <summary>True for paths answered without authentication.</summary>
    public static bool IsPublic(PathString path) => IsPublicPath(TrimTrailingSlash(path));

    private static bool IsPublicPath(PathString path) =>
        path == "/version" || NodeJoinHandler.IsPublic(path) || path == "/healthz" || path == "/livez" || path == "/readyz"
        || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/livez") || path.StartsWithSegments("/readyz");

    private static PathString TrimTrailingSlash(PathString path) =>
        path.HasValue && path.Value!.Length > 1 && path.Value.EndsWith('/') ? new PathString(path.Value.TrimEnd('/')) : path;

    /// <summary>Tries to answer a non-resource path; false when the path is not one.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = TrimTrailingSlash(context.Request.Path);
        var response = context.Response;
        if (_nodeJoin is not null && await _nodeJoin.TryHandleAsync(context, path).ConfigureAwait(false))
        {
            return true;
        }
        if (path == "/version")
        {
            response.ContentType = "application/json";
            await response.Body.WriteAsync(_version, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/livez") || path.StartsWithSegments("/readyz"))
        {
            var ok = !path.StartsWithSegments("/readyz") || _ready();
            response.StatusCode = ok ? 200 : 500;
            response.ContentType = "text/plain; charset=utf-8";
            var verbose = context.Request.Query.ContainsKey("verbose");
            var text = verbose ? (ok ? "[+]ping ok\n[+]etcd ok\n[+]informer-sync ok\n" : "[-]informer-sync failed: not ready\n")
                + (ok ? $"{path.Value!.Trim('/')} check passed\n" : $"{path.Value!.Trim('/')} check failed\n")
                : ok ? "ok" : "[-]informer-sync failed: not ready\nreadyz check failed";
            await response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (path == "/metrics")
        {
            await _metrics.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (path == "/openapi/v3")
        {
            response.ContentType = OpenApiV3Documents.ContentType;
            response.Headers.ETag = _openApi.IndexETag;
            await response.Body.WriteAsync(_openApi.Index, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (path.StartsWithSegments("/openapi/v3", out var rest)
            && _openApi.TryGet(rest.Value!.TrimStart('/'), out var document, out var hash))
        {
            response.ContentType = OpenApiV3Documents.ContentType;
            response.Headers.ETag = "\"" + hash + "\"";
            await response.Body.WriteAsync(document, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (path.StartsWithSegments("/openapi"))
        {
            await StatusResponse.WriteAsync(response, DiscoveryHandler.NotFound()).ConfigureAwait(false);
            return true;
        }
        return false;
    }

}
