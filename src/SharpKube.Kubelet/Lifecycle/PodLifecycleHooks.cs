using System.Net.Sockets;
using Grpc.Core;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Lifecycle;

/// <summary>
/// Container lifecycle hooks, as upstream runs them: <c>postStart</c> right after the container starts (a failure
/// kills the container, which is then restarted per the pod's policy), <c>preStop</c> before it is stopped (a failure
/// is only reported). Handlers: exec (inside the container), httpGet (from the node to the pod) and sleep.
/// </summary>
public sealed class PodLifecycleHooks(RuntimeService.RuntimeServiceClient runtime, HttpClient http, EventRecorder events, ILogger logger)
{
    /// <summary>Runs <paramref name="container"/>'s postStart hook; on failure records FailedPostStartHook and kills the container.</summary>
    public async Task PostStartAsync(V1Pod pod, V1Container container, string containerId, string? podIp, CancellationToken cancellationToken)
    {
        if (container.Lifecycle?.PostStart is not { } handler)
        {
            return;
        }
        var error = await RunAsync(handler, containerId, podIp ?? pod.Status?.PodIP, timeoutSeconds: 0, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            return;
        }
        events.Event(pod, EventType.Warning, "FailedPostStartHook", error);
        logger.LogInformation("PostStart hook of container {Container} failed: {Error}", container.Name, error);
        await runtime.StopContainerAsync(new StopContainerRequest { ContainerId = containerId, Timeout = 0 }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="container"/>'s preStop hook within <paramref name="gracePeriodSeconds"/>; a failure is recorded as FailedPreStopHook.</summary>
    public async Task PreStopAsync(V1Pod pod, V1Container container, string containerId, long gracePeriodSeconds, CancellationToken cancellationToken)
    {
        if (container.Lifecycle?.PreStop is not { } handler)
        {
            return;
        }
        var error = await RunAsync(handler, containerId, pod.Status?.PodIP, gracePeriodSeconds, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            events.Event(pod, EventType.Warning, "FailedPreStopHook", error);
        }
    }

    /// <summary>Runs a handler; null when it succeeded, else upstream-style text saying why not.</summary>
    private async Task<string?> RunAsync(V1LifecycleHandler handler, string containerId, string? podIp, long timeoutSeconds, CancellationToken cancellationToken)
    {
        try
        {
            if (handler.Exec is { } exec)
            {
                var request = new ExecSyncRequest { ContainerId = containerId, Timeout = timeoutSeconds };
                request.Cmd.AddRange(exec.Command ?? []);
                var result = await runtime.ExecSyncAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                return result.ExitCode == 0
                    ? null
                    : $"Exec lifecycle hook ({string.Join(' ', exec.Command ?? [])}) for Container in Pod failed - error: command '{string.Join(' ', exec.Command ?? [])}' exited with {result.ExitCode}: {result.Stderr.ToStringUtf8()}{result.Stdout.ToStringUtf8()}";
            }
            if (handler.HttpGet is { } get)
            {
                var url = HttpUrl(get, podIp);
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                return (int)response.StatusCode is >= 200 and < 400 ? null : $"HTTP lifecycle hook ({get.Path}) for Container in Pod failed - error: HTTP status {(int)response.StatusCode}";
            }
            if (handler.Sleep is { } sleep)
            {
                await Task.Delay(TimeSpan.FromSeconds(sleep.Seconds), cancellationToken).ConfigureAwait(false);
                return null;
            }
            return "lifecycle hook has no handler";
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or SocketException or FormatException)
        {
            return $"lifecycle hook failed - error: {e.Message}";
        }
    }

    private static Uri HttpUrl(V1HTTPGetAction get, string? podIp)
    {
        var host = string.IsNullOrEmpty(get.Host) ? podIp ?? "127.0.0.1" : get.Host;
        var scheme = (get.Scheme ?? "HTTP").ToLowerInvariant();
        var port = get.Port?.Value ?? "80";
        var path = get.Path ?? "/";
        return new Uri($"{scheme}://{host}:{port}{(path.StartsWith('/') ? path : "/" + path)}");
    }
}
