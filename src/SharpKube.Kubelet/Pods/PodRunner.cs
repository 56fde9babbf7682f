using Grpc.Core;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Kubelet.Cgroups;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Lifecycle;
using SharpKube.Kubelet.Status;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Brings a pod's sandbox and containers to what its spec asks, one step per sync as upstream's computePodActions:
/// a sandbox (a new one, with every container started again, when the old one died), then the init containers in
/// order (sidecars kept running), then every app container, restarted per the pod's restartPolicy with
/// CrashLoopBackOff between attempts.
/// </summary>
public sealed class PodRunner(
    RuntimeService.RuntimeServiceClient runtime,
    ImagePuller images,
    PodRuntimeConfig configs,
    PodKiller killer,
    PodLifecycleHooks hooks,
    PodCgroups cgroups,
    string nodeIp,
    RestartBackoff backoff,
    EventRecorder events,
    ILogger logger)
{
    private static readonly TimeSpan StartingPoll = TimeSpan.FromSeconds(1);

    /// <summary>One step towards the pod running; what is held back and why goes into <paramref name="outcome"/>.</summary>
    public async Task RunAsync(V1Pod pod, RuntimePod state, PodVolumeSet volumes, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var sandbox = state.LatestSandbox;
        var hostNetwork = pod.Spec?.HostNetwork == true;
        if (sandbox is null || sandbox.State != PodSandboxState.SandboxReady || (!hostNetwork && string.IsNullOrEmpty(sandbox.Network?.Ip)))
        {
            if (sandbox is not null && !ShouldRestartAfterSandboxDied(pod, state))
            {
                return;
            }
            if (state.AnyRunning)
            {
                await killer.StopAsync(pod, state, 0, null, cancellationToken).ConfigureAwait(false);
            }
            var attempt = sandbox is null ? 0u : (sandbox.Metadata?.Attempt ?? 0) + 1;
            var sandboxId = await CreateSandboxAsync(pod, attempt, outcome, cancellationToken).ConfigureAwait(false);
            if (sandboxId is null)
            {
                return;
            }
            outcome.SandboxCreated = true;
            return;
        }
        if (!await RunInitContainersAsync(pod, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false))
        {
            foreach (var container in pod.Spec?.Containers ?? [])
            {
                outcome.Waiting.TryAdd(container.Name, ContainerWaiting.Initializing);
            }
            return;
        }
        var appsDone = true;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var latest = state.LatestIn(container.Name, sandbox.Id);
            if (latest is null)
            {
                appsDone = false;
                await StartAsync(pod, container, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false);
            }
            else if (latest.State == ContainerState.ContainerExited && ShouldRestart(pod, latest))
            {
                appsDone = false;
                await RestartAsync(pod, container, latest, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false);
            }
            else if (latest.State != ContainerState.ContainerExited)
            {
                appsDone = false;
            }
        }
        if (appsDone)
        {
            await StopSidecarsAsync(pod, state, sandbox, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Once every app container of a pod that does not restart them has finished, its sidecars are stopped (as upstream),
    /// so the pod can complete.
    /// </summary>
    private async Task StopSidecarsAsync(V1Pod pod, RuntimePod state, PodSandboxStatus sandbox, CancellationToken cancellationToken)
    {
        var grace = pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        foreach (var sidecar in (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Reverse())
        {
            if (state.LatestIn(sidecar.Name, sandbox.Id) is { State: ContainerState.ContainerRunning } running)
            {
                await killer.StopContainerAsync(pod, running, grace, hooks.PreStopAsync, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Init containers in order; true once all regular ones succeeded and every sidecar runs.</summary>
    private async Task<bool> RunInitContainersAsync(V1Pod pod, RuntimePod state, PodSandboxStatus sandbox, PodVolumeSet volumes, SyncOutcome outcome,
        CancellationToken cancellationToken)
    {
        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            var latest = state.LatestIn(init.Name, sandbox.Id);
            var sidecar = init.RestartPolicy == "Always";
            if (latest is null)
            {
                await StartAsync(pod, init, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false);
                return false;
            }
            switch (latest.State)
            {
                case ContainerState.ContainerRunning when sidecar:
                    continue;
                case ContainerState.ContainerExited when !sidecar && latest.ExitCode == 0:
                    continue;
                case ContainerState.ContainerExited when sidecar && AppsFinished(pod, state, sandbox):
                    continue;
                case ContainerState.ContainerExited when sidecar || pod.Spec?.RestartPolicy != "Never":
                    await RestartAsync(pod, init, latest, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false);
                    return false;
                case ContainerState.ContainerExited:
                    // A failed init container of a pod that never restarts fails the pod.
                    return false;
                default:
                    outcome.SyncAgainWithin(StartingPoll);
                    return false;
            }
        }
        return true;
    }

    private async Task RestartAsync(V1Pod pod, V1Container container, ContainerStatus exited, RuntimePod state, PodSandboxStatus sandbox,
        PodVolumeSet volumes, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var key = BackoffKey(pod, container.Name);
        var finished = CriTime.ToOffset(exited.FinishedAt);
        var remaining = backoff.Remaining(key, finished);
        if (remaining > TimeSpan.Zero)
        {
            var message = $"back-off {Seconds(backoff.Current(key))} restarting failed container={container.Name} pod={PodDescription(pod)}";
            outcome.Waiting[container.Name] = new ContainerWaiting("CrashLoopBackOff", message);
            outcome.SyncAgainWithin(remaining);
            events.Event(pod, EventType.Warning, "BackOff", $"Back-off restarting failed container {container.Name} in pod {PodDescription(pod)}");
            return;
        }
        backoff.Next(key, finished);
        await StartAsync(pod, container, state, sandbox, volumes, outcome, cancellationToken).ConfigureAwait(false);
        await RemoveOlderInstancesAsync(container.Name, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps only the newest exited instance of a container (its logs are <c>--previous</c>), as upstream's container GC.</summary>
    private async Task RemoveOlderInstancesAsync(string name, RuntimePod state, CancellationToken cancellationToken)
    {
        foreach (var old in state.Containers.Where(c => c.Metadata?.Name == name && c.State == ContainerState.ContainerExited).Skip(1))
        {
            await killer.RemoveContainerAsync(old, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(V1Pod pod, V1Container container, RuntimePod state, PodSandboxStatus sandbox, PodVolumeSet volumes,
        SyncOutcome outcome, CancellationToken cancellationToken)
    {
        string imageRef;
        var pullKey = BackoffKey(pod, container.Name) + "/image";
        try
        {
            imageRef = await images.EnsureAsync(pod, container, cancellationToken).ConfigureAwait(false);
            backoff.Forget(pullKey);
        }
        catch (ImagePullException e)
        {
            var now = DateTimeOffset.UtcNow;
            var waited = backoff.Remaining(pullKey, now);
            backoff.Next(pullKey, now);
            outcome.Waiting[container.Name] = new ContainerWaiting(waited > TimeSpan.Zero ? "ImagePullBackOff" : e.Reason, e.Message);
            outcome.SyncAgainWithin(backoff.Current(pullKey));
            return;
        }
        ContainerConfig config;
        try
        {
            IReadOnlyList<string> podIps = pod.Spec?.HostNetwork == true ? [nodeIp] : string.IsNullOrEmpty(sandbox.Network?.Ip) ? [] : [sandbox.Network.Ip];
            config = await configs.ContainerConfigAsync(pod, container, state.NextAttempt(container.Name), imageRef, volumes, podIps, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ContainerConfigException e)
        {
            events.Event(pod, EventType.Warning, "Failed", "Error: " + e.Message);
            outcome.Waiting[container.Name] = new ContainerWaiting("CreateContainerConfigError", e.Message);
            outcome.SyncAgainWithin(TimeSpan.FromSeconds(10));
            return;
        }
        try
        {
            var created = await runtime.CreateContainerAsync(new CreateContainerRequest
            {
                PodSandboxId = sandbox.Id,
                Config = config,
                SandboxConfig = (await configs.SandboxConfigAsync(pod, sandbox.Metadata?.Attempt ?? 0, cancellationToken).ConfigureAwait(false)).Config,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            events.Event(pod, EventType.Normal, "Created", $"Created container: {container.Name}");
            await runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            events.Event(pod, EventType.Normal, "Started", $"Started container {container.Name}");
            await hooks.PostStartAsync(pod, container, created.ContainerId, sandbox.Network?.Ip, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            logger.LogInformation("Container {Container} of pod {Pod} failed to start: {Error}", container.Name, PodDescription(pod), e.Status.Detail);
            events.Event(pod, EventType.Warning, "Failed", "Error: " + e.Status.Detail);
            outcome.Waiting[container.Name] = new ContainerWaiting("RunContainerError", e.Status.Detail);
            outcome.SyncAgainWithin(TimeSpan.FromSeconds(10));
        }
    }

    private async Task<string?> CreateSandboxAsync(V1Pod pod, uint attempt, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var (config, warnings) = await configs.SandboxConfigAsync(pod, attempt, cancellationToken).ConfigureAwait(false);
        foreach (var warning in warnings)
        {
            events.Event(pod, EventType.Warning, "DNSConfigForming", warning);
        }
        Directory.CreateDirectory(config.LogDirectory);
        cgroups.Create(config.Linux.CgroupParent, LinuxResources.ForPodCgroup(pod));
        try
        {
            var created = await runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return created.PodSandboxId;
        }
        catch (RpcException e)
        {
            var message = $"Failed to create pod sandbox: {e.Status.Detail}";
            logger.LogWarning("Pod {Pod}: {Message}", PodDescription(pod), message);
            events.Event(pod, EventType.Warning, "FailedCreatePodSandBox", message);
            outcome.SyncAgainWithin(TimeSpan.FromSeconds(5));
            return null;
        }
    }

    /// <summary>Whether every app container ran and none will be restarted (a pod that is completing).</summary>
    private static bool AppsFinished(V1Pod pod, RuntimePod state, PodSandboxStatus sandbox) =>
        (pod.Spec?.Containers ?? []).All(c => state.LatestIn(c.Name, sandbox.Id) is { State: ContainerState.ContainerExited } exited && !ShouldRestart(pod, exited));

    /// <summary>Whether a container that exited is started again, per the pod's restartPolicy (a sidecar always is).</summary>
    private static bool ShouldRestart(V1Pod pod, ContainerStatus exited) => (pod.Spec?.RestartPolicy ?? "Always") switch
    {
        "Never" => false,
        "OnFailure" => exited.ExitCode != 0,
        _ => true,
    };

    /// <summary>
    /// Whether a dead sandbox is replaced: not for a pod that never restarts (or restarts only on failure and succeeded)
    /// once its containers ran, as upstream.
    /// </summary>
    private static bool ShouldRestartAfterSandboxDied(V1Pod pod, RuntimePod state) => (pod.Spec?.RestartPolicy ?? "Always") switch
    {
        "Never" => state.Containers.Count == 0,
        "OnFailure" => state.Containers.Count == 0 || state.Containers.Any(c => c.State == ContainerState.ContainerExited && c.ExitCode != 0),
        _ => true,
    };

    /// <summary>The key of a container's restart backoff.</summary>
    public static string BackoffKey(V1Pod pod, string container) => pod.Metadata.Uid + "/" + container;

    /// <summary>Upstream's way of naming a pod in messages: <c>name_namespace(uid)</c>.</summary>
    public static string PodDescription(V1Pod pod) => $"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})";

    private static string Seconds(TimeSpan span) => span.TotalMinutes >= 1 && span.Seconds == 0
        ? $"{(int)span.TotalMinutes}m0s"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds}s" : $"{(int)span.TotalSeconds}s";
}
