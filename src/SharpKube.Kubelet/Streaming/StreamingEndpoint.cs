using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Server;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// The kubelet's <c>/exec</c>, <c>/attach</c> and <c>/portForward</c> (GET for WebSocket clients, POST for SPDY ones):
/// finds the running container or ready sandbox, asks the runtime for a streaming URL through CRI, and proxies the
/// client's upgrade to it. Errors before the upgrade are plain text with upstream's codes and messages.
/// </summary>
internal sealed class StreamingEndpoint(StreamTargetLocator locator, RuntimeService.RuntimeServiceClient runtime, CriStreamProxy proxy)
{
    /// <summary>Upstream's answer to a streaming request that does not ask to upgrade.</summary>
    public const string UpgradeRequiredMessage = "Upgrade request required";

    /// <summary><c>/exec/{namespace}/{pod}[/{uid}]/{container}?command=…&amp;input=1&amp;output=1&amp;error=1&amp;tty=1</c>.</summary>
    public Task ExecAsync(HttpContext context) => RemoteCommandAsync(context, exec: true);

    /// <summary><c>/attach/{namespace}/{pod}[/{uid}]/{container}?input=1&amp;output=1&amp;error=1&amp;tty=1</c>.</summary>
    public Task AttachAsync(HttpContext context) => RemoteCommandAsync(context, exec: false);

    /// <summary><c>/portForward/{namespace}/{pod}[/{uid}]</c>, with <c>?port=</c> for WebSocket clients.</summary>
    public async Task PortForwardAsync(HttpContext context)
    {
        var (ns, pod, uid) = (Route(context, "namespace")!, Route(context, "pod")!, Route(context, "uid"));
        var webSocket = context.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase);
        var ports = PortForwardQuery.Parse(context.Request.Query, webSocket, out var error);
        if (ports is null)
        {
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }
        if (!await PreconditionsHoldAsync(context, ns, pod, uid).ConfigureAwait(false))
        {
            return;
        }
        var target = await locator.SandboxAsync(ns, pod, uid, context.RequestAborted).ConfigureAwait(false);
        var request = new PortForwardRequest { PodSandboxId = target.Id ?? "" };
        request.Port.Add(ports);
        await CallAndProxyAsync(context, target, async ct => (await runtime.PortForwardAsync(request, cancellationToken: ct)).Url,
            context.Request.QueryString.Value ?? "").ConfigureAwait(false);
    }

    private async Task RemoteCommandAsync(HttpContext context, bool exec)
    {
        var (ns, pod, uid, container) = (Route(context, "namespace")!, Route(context, "pod")!, Route(context, "uid"), Route(context, "container")!);
        var query = RemoteCommandQuery.Parse(context.Request.Query, out var error);
        if (query is null)
        {
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }
        if (!await PreconditionsHoldAsync(context, ns, pod, uid).ConfigureAwait(false))
        {
            return;
        }
        var target = await locator.ContainerAsync(ns, pod, uid, container, context.RequestAborted).ConfigureAwait(false);
        Func<CancellationToken, Task<string>> call = exec
            ? async ct =>
            {
                var request = new ExecRequest { ContainerId = target.Id ?? "", Tty = query.Tty, Stdin = query.Stdin, Stdout = query.Stdout, Stderr = query.Stderr };
                request.Cmd.Add(query.Command);
                return (await runtime.ExecAsync(request, cancellationToken: ct)).Url;
            }
            : async ct => (await runtime.AttachAsync(new AttachRequest
            {
                ContainerId = target.Id ?? "", Tty = query.Tty, Stdin = query.Stdin, Stdout = query.Stdout, Stderr = query.Stderr,
            }, cancellationToken: ct)).Url;
        // The streaming URL carries the whole request; the client's query is not passed on.
        await CallAndProxyAsync(context, target, call, "").ConfigureAwait(false);
    }

    private async Task<bool> PreconditionsHoldAsync(HttpContext context, string ns, string pod, string? uid)
    {
        if (!locator.Exists(ns, pod, uid, out var missing))
        {
            await KubeletServer.WriteTextAsync(context.Response, missing.StatusCode, missing.ErrorMessage).ConfigureAwait(false);
            return false;
        }
        // Checked before asking the runtime, so no session is prepared that nobody can use.
        if (context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true })
        {
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status400BadRequest, UpgradeRequiredMessage).ConfigureAwait(false);
            return false;
        }
        return true;
    }

    private async Task CallAndProxyAsync(HttpContext context, StreamTarget target, Func<CancellationToken, Task<string>> call, string query)
    {
        if (target.Id is null)
        {
            await KubeletServer.WriteTextAsync(context.Response, target.StatusCode, target.ErrorMessage).ConfigureAwait(false);
            return;
        }
        string url;
        try
        {
            url = await call(context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            var code = e.StatusCode switch
            {
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status500InternalServerError,
            };
            await KubeletServer.WriteTextAsync(context.Response, code, $"rpc error: code = {e.StatusCode} desc = {e.Status.Detail}").ConfigureAwait(false);
            return;
        }
        await proxy.ProxyAsync(context, new Uri(url), query).ConfigureAwait(false);
    }

    private static string? Route(HttpContext context, string name) => context.Request.RouteValues[name] as string;
}
