using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// Marks the pods of a node that is not ready as not Ready themselves (their <c>Ready</c> condition False), as
/// upstream does, so Services stop sending them traffic while the kubelet cannot report.
/// </summary>
internal sealed class PodReadiness(ResourceClient<V1Pod> pods, EventRecorder recorder, ILogger logger)
{
    /// <summary>Marks every pod in <paramref name="onNode"/> whose Ready condition is True; false when some write failed.</summary>
    public async Task<bool> MarkNotReadyAsync(IReadOnlyList<V1Pod> onNode, DateTime now, CancellationToken cancellationToken)
    {
        var allDone = true;
        foreach (var pod in onNode.Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true))
        {
            var at = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var patch = $$$"""{"status":{"conditions":[{"type":"Ready","status":"False","lastTransitionTime":"{{{at}}}"}]}}""";
            try
            {
                await pods.PatchStatusAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name,
                    new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), cancellationToken).ConfigureAwait(false);
                recorder.Event(pod, EventType.Warning, "NodeNotReady", "Node is not ready");
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                logger.LogWarning(e, "Could not mark pod {Namespace}/{Pod} not ready", pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                allDone = false;
            }
        }
        return allDone;
    }
}
