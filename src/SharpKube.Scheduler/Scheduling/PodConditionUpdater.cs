using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// Writes a pod's <c>PodScheduled</c> condition through <c>pods/status</c> with a strategic merge patch, as upstream's
/// <c>updatePod</c>: nothing is written when the pod already has the same status, reason and message, and the
/// transition time only moves when the status changes.
/// </summary>
public sealed class PodConditionUpdater
{
    /// <summary>The condition type.</summary>
    public const string PodScheduled = "PodScheduled";

    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>An updater writing through <paramref name="client"/>.</summary>
    public PodConditionUpdater(IKubernetes client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Sets <paramref name="pod"/>'s PodScheduled condition to <paramref name="status"/> with <paramref name="reason"/> and
    /// <paramref name="message"/>, and <c>status.nominatedNodeName</c> to <paramref name="nominatedNodeName"/> when one is given.
    /// </summary>
    public async Task UpdateAsync(V1Pod pod, string status, string reason, string message, CancellationToken cancellationToken,
        string? nominatedNodeName = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodScheduled);
        var nominationChanges = !string.IsNullOrEmpty(nominatedNodeName) && pod.Status?.NominatedNodeName != nominatedNodeName;
        if (existing is not null && existing.Status == status && existing.Reason == reason && existing.Message == message
            && existing.LastProbeTime is null && !nominationChanges)
        {
            return;
        }
        var transition = existing?.Status == status && existing.LastTransitionTime is { } kept
            ? new DateTimeOffset(DateTime.SpecifyKind(kept, DateTimeKind.Utc))
            : _time.GetUtcNow();
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = PodScheduled,
                    ["status"] = status,
                    ["lastProbeTime"] = null,
                    ["lastTransitionTime"] = transition.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["reason"] = reason,
                    ["message"] = message,
                }),
            },
        };
        if (nominationChanges)
        {
            patch["status"]!["nominatedNodeName"] = nominatedNodeName;
        }
        try
        {
            await _client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
                pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            // The pod is gone: nothing to report on.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not update the {Condition} condition of pod {Namespace}/{Pod}: {Message}",
                PodScheduled, pod.Metadata.NamespaceProperty, pod.Metadata.Name, e.Message);
        }
    }
}
