using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Cgroups;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Lifecycle;
using SharpKube.Kubelet.Probes;
using SharpKube.Kubelet.Status;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// One sync of one pod, level-driven: it reads what the API wants (the pod from the kubelet's cache) and what the
/// runtime holds, then acts — kills and removes what belongs to a pod that is gone, terminates a pod being deleted
/// (gracefully, then deletes the pod object), stops a pod that completed, and otherwise sets up its volumes and runs
/// it — and finally writes the pod's status.
/// </summary>
public sealed class PodSyncer(
    Func<string, V1Pod?> podByUid,
    RuntimePodReader reader,
    PodRunner runner,
    PodKiller killer,
    PodVolumes volumes,
    PodCgroups cgroups,
    PodStatusWriter statuses,
    ResourceClient<V1Pod> pods,
    RestartBackoff backoff,
    ContainerReadiness readiness,
    PodLifecycleHooks hooks,
    EventRecorder events,
    string nodeIp,
    string podLogsRoot,
    TimeSpan resyncInterval,
    TimeProvider time,
    ILogger logger,
    PodStartupLog? startupLog = null)
{
    private const long DefaultGracePeriodSeconds = 30;

    /// <summary>Syncs pod <paramref name="uid"/>; returns when it wants to be synced again, or null.</summary>
    public async Task<TimeSpan?> SyncAsync(string uid, CancellationToken cancellationToken)
    {
        var pod = podByUid(uid);
        var state = await reader.ReadAsync(uid, cancellationToken).ConfigureAwait(false);
        if (pod is null)
        {
            await RemoveAsync(uid, null, state, 0, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, state, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            if (state.AnyRunning || state.Sandboxes.Any(s => s.State == PodSandboxState.SandboxReady))
            {
                await killer.StopAsync(pod, state, GracePeriod(pod), hooks.PreStopAsync, cancellationToken).ConfigureAwait(false);
            }
            readiness.Forget(uid);
            return null;
        }
        var outcome = new SyncOutcome();
        PodVolumeSet? volumeSet = null;
        try
        {
            volumeSet = await volumes.SetUpAsync(pod, cancellationToken).ConfigureAwait(false);
        }
        catch (VolumeSetupException e)
        {
            events.Event(pod, EventType.Warning, "FailedMount", $"MountVolume.SetUp failed for volume \"{e.VolumeName}\" : {e.Message}");
            outcome.SyncAgainWithin(TimeSpan.FromSeconds(2));
        }
        if (volumeSet is not null)
        {
            await runner.RunAsync(pod, state, volumeSet, outcome, cancellationToken).ConfigureAwait(false);
            state = await reader.ReadAsync(uid, cancellationToken).ConfigureAwait(false);
            if (outcome.SandboxCreated)
            {
                // A new sandbox: its containers start in this same sync, as upstream's SyncPod does.
                outcome.SandboxCreated = false;
                await runner.RunAsync(pod, state, volumeSet, outcome, cancellationToken).ConfigureAwait(false);
                state = await reader.ReadAsync(uid, cancellationToken).ConfigureAwait(false);
            }
            readiness.Watch(pod, state.LatestSandbox?.Network?.Ip, state.Containers.Where(c => c.State == ContainerState.ContainerRunning));
        }
        var status = PodStatusBuilder.Build(pod, state, outcome.Waiting, readiness.Of, nodeIp, QosClassName(pod), Now());
        if (await statuses.WriteAsync(pod, status, cancellationToken).ConfigureAwait(false) && status.Phase == "Running")
        {
            startupLog?.RunningWritten(uid);
        }
        if (StaticPods.IsStatic(pod))
        {
            // The kubelet's own object: it carries the status from one sync to the next, as the cache does for API pods.
            pod.Status = status;
        }
        if (status.Phase is "Succeeded" or "Failed")
        {
            // The pod is done: its sandbox is stopped on the next sync, once the cache has the terminal phase.
            outcome.SyncAgainWithin(TimeSpan.FromSeconds(1));
        }
        var again = outcome.Again ?? resyncInterval;
        return again < resyncInterval ? again : resyncInterval;
    }

    /// <summary>
    /// A pod being deleted: its containers get the grace period (preStop hooks first), its final status is written, what the
    /// runtime and the disk hold of it is removed, and the pod object is deleted for good (grace 0, on this uid only).
    /// </summary>
    private async Task TerminateAsync(V1Pod pod, RuntimePod state, CancellationToken cancellationToken)
    {
        await killer.StopAsync(pod, state, GracePeriod(pod), hooks.PreStopAsync, cancellationToken).ConfigureAwait(false);
        state = await reader.ReadAsync(pod.Metadata.Uid, cancellationToken).ConfigureAwait(false);
        var status = PodStatusBuilder.Build(pod, state, new Dictionary<string, ContainerWaiting>(), (_, _) => (false, false), nodeIp, QosClassName(pod), Now());
        try
        {
            await statuses.WriteAsync(pod, status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
        }
        await RemoveAsync(pod.Metadata.Uid, pod, state, 0, cancellationToken).ConfigureAwait(false);
        try
        {
            await pods.DeleteAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name,
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e))
        {
            // Already gone, or a new pod of that name: nothing of ours to delete.
        }
    }

    /// <summary>Stops and removes everything of pod <paramref name="uid"/>: containers, sandboxes, logs, volumes and what the kubelet remembers.</summary>
    private async Task RemoveAsync(string uid, V1Pod? pod, RuntimePod state, long gracePeriodSeconds, CancellationToken cancellationToken)
    {
        if (!state.IsEmpty)
        {
            await killer.StopAsync(pod, state, gracePeriodSeconds, null, cancellationToken).ConfigureAwait(false);
            await killer.RemoveAsync(state, podLogsRoot, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Removed pod {Uid} from the runtime", uid);
        }
        await volumes.TearDownAsync(uid, cancellationToken).ConfigureAwait(false);
        // The sandbox's last process may still be exiting: give its cgroups a moment before leaving them to housekeeping.
        for (var attempt = 0; attempt < 10 && !cgroups.Remove(uid); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
        backoff.Forget(uid + "/");
        statuses.Forget(uid);
        readiness.Forget(uid);
    }

    private static string QosClassName(V1Pod pod) => QosClass.Of(pod).ToString();

    private static long GracePeriod(V1Pod pod) =>
        pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? DefaultGracePeriodSeconds;

    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return DateTime.SpecifyKind(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
    }
}
