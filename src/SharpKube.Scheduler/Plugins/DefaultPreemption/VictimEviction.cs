using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Resources;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// The API side of a preemption (upstream's <c>prepareCandidate</c>): each victim gets the <c>DisruptionTarget</c>
/// condition (reason <c>PreemptionByScheduler</c>), is deleted and gets a <c>Preempted</c> event — or, if its binding
/// waits on a Permit plugin, is rejected there instead; then the lower-priority pods nominated to the node lose their
/// <c>status.nominatedNodeName</c>, since they may no longer fit there.
/// </summary>
internal sealed class VictimEviction
{
    private readonly FrameworkHandle _handle;
    private readonly ILogger _logger;

    public VictimEviction(FrameworkHandle handle)
    {
        _handle = handle;
        _logger = handle.LoggerFactory.CreateLogger<VictimEviction>();
    }

    /// <summary>Evicts <paramref name="candidate"/>'s victims for <paramref name="preemptor"/> and clears <paramref name="clearNominations"/>.</summary>
    public async Task RunAsync(PodInfo preemptor, PreemptionCandidate candidate, IReadOnlyList<PodInfo> clearNominations, CancellationToken cancellationToken)
    {
        foreach (var victim in candidate.Victims)
        {
            if (_handle.WaitingPods.Reject(victim.Uid, DefaultPreemptionPlugin.PluginName, "preempted"))
            {
                continue;
            }
            try
            {
                await MarkDisruptionTargetAsync(victim, preemptor.SchedulerName, cancellationToken).ConfigureAwait(false);
                await _handle.Client.CoreV1.DeleteNamespacedPodAsync(victim.Name, victim.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
            {
                // Already gone: that is what preemption wanted.
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Preemption of pod {Victim} for {Preemptor} failed: {Message}", victim.Key, preemptor.Key, e.Message);
                continue;
            }
            _handle.EventRecorder?.Event(victim.Pod, EventType.Normal, "Preempted",
                $"Preempted by pod {preemptor.Uid} on node {candidate.NodeName}");
            _logger.LogInformation("Preempted pod {Victim} on node {Node} for {Preemptor}", victim.Key, candidate.NodeName, preemptor.Key);
        }
        await ClearNominationsAsync(clearNominations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes <c>status.nominatedNodeName</c> from <paramref name="pods"/> (failures are logged).</summary>
    public async Task ClearNominationsAsync(IReadOnlyList<PodInfo> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods)
        {
            await PatchStatusAsync(pod, new JsonObject { ["nominatedNodeName"] = null }, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task MarkDisruptionTargetAsync(PodInfo victim, string schedulerName, CancellationToken cancellationToken) =>
        PatchStatusAsync(victim, new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionTarget",
                ["status"] = "True",
                ["lastTransitionTime"] = _handle.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["reason"] = "PreemptionByScheduler",
                ["message"] = $"{schedulerName}: preempting to accommodate a higher priority pod",
            }),
        }, cancellationToken, throwOnFailure: true);

    private async Task PatchStatusAsync(PodInfo pod, JsonObject status, CancellationToken cancellationToken, bool throwOnFailure = false)
    {
        var patch = new JsonObject { ["status"] = status };
        try
        {
            await _handle.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
                pod.Name, pod.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!throwOnFailure && e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not patch the status of pod {Pod}: {Message}", pod.Key, e.Message);
        }
    }
}
