using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Node;

/// <summary>
/// Posts the node's status as upstream's kubelet does: computed every update interval (every second while the node
/// is not Ready or has no pod CIDR yet), written as a strategic merge patch of <c>nodes/status</c> only when it
/// changed (heartbeats aside) or the report interval passed. Hands the Node's <c>spec.podCIDR</c> to
/// <c>podCidrChanged</c> once it is assigned, so pod networking can be configured.
/// </summary>
public sealed class NodeStatusUpdater(
    ResourceClient<V1Node> nodes,
    KubeletNode node,
    string nodeName,
    RuntimeService.RuntimeServiceClient runtime,
    ImageService.ImageServiceClient images,
    string runtimeVersion,
    Func<string, CancellationToken, Task> podCidrChanged,
    TimeSpan updateInterval,
    TimeSpan reportInterval,
    TimeProvider time,
    ILogger logger)
{
    // Upstream reports at most 50 images in a Node's status.
    private const int MaxImages = 50;
    private static readonly TimeSpan NotReadyInterval = TimeSpan.FromSeconds(1);

    private string? _lastWritten;
    private DateTimeOffset _lastWrittenAt;
    private string? _podCidr;

    /// <summary>The pod CIDR handed on last (null before the Node has one).</summary>
    public string? PodCidr => _podCidr;

    /// <summary>Whether the last status written said Ready=True.</summary>
    public bool Ready { get; private set; }

    /// <summary>Updates until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await UpdateOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Error updating node status of {Node}, will retry: {Error}", nodeName, e.Message);
            }
            try
            {
                await Task.Delay(Ready && _podCidr is not null ? updateInterval : NotReadyInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Computes the status once and writes it when it changed.</summary>
    public async Task UpdateOnceAsync(CancellationToken cancellationToken)
    {
        var current = await nodes.GetAsync(null, nodeName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"node \"{nodeName}\" not found");
        if (current.Spec?.PodCIDR is { Length: > 0 } podCidr && podCidr != _podCidr)
        {
            await podCidrChanged(podCidr, cancellationToken).ConfigureAwait(false);
            _podCidr = podCidr;
            logger.LogInformation("Node {Node} has pod CIDR {PodCidr}", nodeName, podCidr);
        }
        var problem = await RuntimeReadiness.ProblemAsync(runtime, cancellationToken).ConfigureAwait(false);
        var imageList = await ImagesAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Utc);
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var status = node.Status(now, runtimeVersion, problem, node.Pressure(), current.Status?.Conditions, imageList);
        var fingerprint = Fingerprint(status);
        if (fingerprint == _lastWritten && time.GetUtcNow() - _lastWrittenAt < reportInterval)
        {
            return;
        }
        await nodes.PatchStatusAsync(null, nodeName, new V1Patch(new V1Node { Status = status }, V1Patch.PatchType.StrategicMergePatch),
            cancellationToken).ConfigureAwait(false);
        if (problem is null != Ready)
        {
            logger.LogInformation("Node {Node} is {State}{Reason}", nodeName, problem is null ? "Ready" : "NotReady", problem is null ? "" : ": " + problem);
        }
        Ready = problem is null;
        _lastWritten = fingerprint;
        _lastWrittenAt = time.GetUtcNow();
    }

    private async Task<List<V1ContainerImage>> ImagesAsync(CancellationToken cancellationToken)
    {
        var listed = await images.ListImagesAsync(new ListImagesRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. listed.Images
            .OrderByDescending(i => i.Size)
            .Take(MaxImages)
            .Select(i => new V1ContainerImage { Names = [.. i.RepoDigests, .. i.RepoTags], SizeBytes = (long)i.Size })];
    }

    /// <summary>The status without its heartbeat times, to tell whether anything but the heartbeat changed.</summary>
    private static string Fingerprint(V1NodeStatus status)
    {
        var copy = KubernetesJson.Deserialize<V1NodeStatus>(KubernetesJson.Serialize(status));
        foreach (var condition in copy.Conditions ?? [])
        {
            condition.LastHeartbeatTime = null;
        }
        return KubernetesJson.Serialize(copy);
    }
}
