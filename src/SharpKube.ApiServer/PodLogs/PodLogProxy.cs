using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.PodLogs;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c>: validates the request as upstream, finds the pod's node and
/// streams the container's log from that node's kubelet (<c>/containerLogs/{ns}/{pod}/{container}</c>) back as
/// <c>text/plain</c>, flushing as it arrives. A kubelet error becomes a Status with the kubelet's code and message.
/// </summary>
public sealed class PodLogProxy : IDisposable
{
    private const int DefaultKubeletPort = 10250;
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly ResourceCatalog _catalog;
    private readonly KubeletLogClient _kubelets;

    /// <summary>Creates the proxy, reading nodes from <paramref name="catalog"/>.</summary>
    public PodLogProxy(ResourceCatalog catalog, KubeletLogClient kubelets)
    {
        _catalog = catalog;
        _kubelets = kubelets;
    }

    /// <summary>Serves one log request for pod <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public async Task HandleAsync(HttpContext context, ResourceEndpoint pods, string ns, string name)
    {
        var aborted = context.RequestAborted;
        var query = PodLogQuery.Parse(context.Request.Query, name);
        var pod = await pods.Store.GetAsync(ns, name, aborted).ConfigureAwait(false);
        var spec = pod["spec"] as JsonObject;
        var container = PodContainers.Resolve(spec, query.Container, name);
        if ((spec?["nodeName"] as JsonValue)?.GetValue<string>() is not { Length: > 0 } nodeName)
        {
            // Not scheduled yet: upstream answers with an empty log.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/plain";
            return;
        }
        var nodes = _catalog.Find("", "v1", "nodes") ?? throw StatusErrors.Internal("nodes are not served");
        var node = await nodes.Store.GetAsync(null, nodeName, aborted).ConfigureAwait(false);
        var url = new Uri(KubeletEndpoint.BaseUrl(node, nodeName, DefaultKubeletPort),
            $"/containerLogs/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(container)}{query.ToKubeletQuery()}");
        HttpResponseMessage response;
        try
        {
            response = await _kubelets.GetAsync(url, aborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new StatusException(500, "InternalError", $"Get \"{url}\": {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await KubeletErrorAsync(response, aborted).ConfigureAwait(false);
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/plain";
            // The headers go out now: a follower learns it is connected before the first new line.
            await context.Response.StartAsync(aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            await CopyAsync(response, context.Response.Body, aborted).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _kubelets.Dispose();

    private static async Task CopyAsync(HttpResponseMessage response, Stream output, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        int read;
        // Each chunk is passed on at once: a follower sees a line as soon as the kubelet sends it.
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<StatusException> KubeletErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }
        var code = (int)response.StatusCode;
        var message = Encoding.UTF8.GetString(buffer, 0, length).TrimEnd();
        return new StatusException(code, ReasonFor(code),
            message.Length > 0 ? message : $"the server responded with the status code {code} but did not return more information");
    }

    // The reason upstream's generic server response gives each code.
    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "",
    };
}
