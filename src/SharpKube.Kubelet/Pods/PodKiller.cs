using Grpc.Core;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Stops a pod's containers and sandboxes — every running container at once, each given the grace period (SIGTERM,
/// then SIGKILL), then the sandboxes, which frees the pod's IP — and removes what the runtime holds of it, with its
/// log directory.
/// </summary>
public sealed class PodKiller(RuntimeService.RuntimeServiceClient runtime, EventRecorder events, ILogger logger)
{
    /// <summary>
    /// Stops every running container of <paramref name="state"/> with <paramref name="gracePeriodSeconds"/>, running
    /// <paramref name="preStop"/> first for each (its time comes out of the grace period), then every sandbox.
    /// </summary>
    public async Task StopAsync(V1Pod? pod, RuntimePod state, long gracePeriodSeconds,
        Func<V1Pod, V1Container, string, long, CancellationToken, Task>? preStop, CancellationToken cancellationToken)
    {
        var running = state.Containers.Where(c => c.State is ContainerState.ContainerRunning or ContainerState.ContainerCreated).ToList();
        await Task.WhenAll(running.Select(c => StopContainerAsync(pod, c, gracePeriodSeconds, preStop, cancellationToken))).ConfigureAwait(false);
        foreach (var sandbox in state.Sandboxes.Where(s => s.State == PodSandboxState.SandboxReady))
        {
            await IgnoreNotFoundAsync(() => runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id },
                cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        }
    }

    /// <summary>Stops one container: its preStop hook, then SIGTERM and SIGKILL after what is left of the grace period.</summary>
    public async Task StopContainerAsync(V1Pod? pod, ContainerStatus container, long gracePeriodSeconds,
        Func<V1Pod, V1Container, string, long, CancellationToken, Task>? preStop, CancellationToken cancellationToken)
    {
        var name = container.Metadata?.Name ?? "";
        var spec = pod?.Spec?.Containers?.FirstOrDefault(c => c.Name == name) ?? pod?.Spec?.InitContainers?.FirstOrDefault(c => c.Name == name);
        if (pod is not null)
        {
            events.Event(pod, EventType.Normal, "Killing", $"Stopping container {name}");
        }
        var started = DateTimeOffset.UtcNow;
        if (pod is not null && spec?.Lifecycle?.PreStop is not null && preStop is not null && container.State == ContainerState.ContainerRunning)
        {
            try
            {
                using var hookTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                hookTimeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(gracePeriodSeconds, 1)));
                await preStop(pod, spec, container.Id, gracePeriodSeconds, hookTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("PreStop hook of container {Container} failed: {Error}", name, e.Message);
            }
        }
        // Upstream gives the container at least 2 s after its preStop hook.
        var left = Math.Max(gracePeriodSeconds - (long)(DateTimeOffset.UtcNow - started).TotalSeconds, gracePeriodSeconds == 0 ? 0 : 2);
        await IgnoreNotFoundAsync(() => runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container.Id, Timeout = left },
            cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
    }

    /// <summary>Removes every container and sandbox of <paramref name="state"/> and the pod's log directory.</summary>
    public async Task RemoveAsync(RuntimePod state, string podLogsRoot, CancellationToken cancellationToken)
    {
        foreach (var container in state.Containers)
        {
            await RemoveContainerAsync(container, cancellationToken).ConfigureAwait(false);
        }
        foreach (var sandbox in state.Sandboxes)
        {
            await IgnoreNotFoundAsync(() => runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id },
                cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        }
        var logDirectory = state.Sandboxes.Select(s => s.Metadata).Where(m => m is not null)
            .Select(m => Path.Combine(podLogsRoot, $"{m.Namespace}_{m.Name}_{m.Uid}")).FirstOrDefault();
        if (logDirectory is not null && Directory.Exists(logDirectory))
        {
            Directory.Delete(logDirectory, recursive: true);
        }
    }

    /// <summary>Removes one container and its log file (the runtime leaves the file behind).</summary>
    public async Task RemoveContainerAsync(ContainerStatus container, CancellationToken cancellationToken)
    {
        await IgnoreNotFoundAsync(() => runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id },
            cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(container.LogPath) && File.Exists(container.LogPath))
        {
            File.Delete(container.LogPath);
        }
    }

    private static async Task IgnoreNotFoundAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }
}
