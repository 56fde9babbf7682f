using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// What a kubelet does with the pods bound to its node, without containers: a pod that is not running yet is
/// reported Running and Ready at once (<see cref="RunningPodStatus"/>) with a pod IP from the node's pod network
/// (<c>spec.podCIDR</c>, else the fleet's fallback block; the node's IP for host-network pods); a pod being deleted
/// is removed (grace period 0, on its uid) as if its containers had stopped, and its IP freed. Terminal pods are
/// left alone; a running pod never finishes. Handlers only queue pod keys; the sync reads the trimmed cache.
/// </summary>
internal sealed class HollowPodLifecycle
{
    private readonly FleetLayout _fleet;
    private readonly HollowNodeOptions _options;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly ResourceClient<V1Pod> _client;
    private readonly PodAddresses _addresses = new();
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<string> _queue;
    private long _started;
    private long _removed;
    private int _warnedSharedFallback;

    public HollowPodLifecycle(FleetLayout fleet, HollowNodeOptions options, SharedInformer<V1Pod> pods, SharedInformer<V1Node> nodes,
        ResourceClient<V1Pod> client, ILogger logger)
    {
        _fleet = fleet;
        _options = options;
        _pods = pods;
        _nodes = nodes;
        _client = client;
        _logger = logger;
        _queue = new RateLimitingQueue<string>(time: options.Time);
        pods.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            OnAdd = pod => _queue.Add(MetaNamespaceKey.For(pod)),
            OnUpdate = (_, pod) => _queue.Add(MetaNamespaceKey.For(pod)),
            OnDelete = pod => _queue.Add(MetaNamespaceKey.For(pod)),
        });
    }

    /// <summary>How many pods this fleet reported Running.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>How many pods this fleet removed after their deletion.</summary>
    public long Removed => Interlocked.Read(ref _removed);

    /// <summary>
    /// Once both caches have synced, records the IPs pods already hold (a restarted fleet must not hand them out
    /// again), then syncs pods until cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await _pods.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false)
            || !await _nodes.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        foreach (var pod in _pods.Indexer.List())
        {
            if (pod.Status?.PodIP is { Length: > 0 } ip && pod.Spec.HostNetwork != true && _fleet.Find(pod.Spec.NodeName) is { } node)
            {
                _addresses.Record(MetaNamespaceKey.For(pod), pod.Metadata.Uid, node.Name, PodCidrOf(node), ip);
            }
        }
        await ControllerWorkers.RunAsync(_queue, SyncAsync, _options.PodWorkers, _logger, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var pod = _pods.Indexer.GetByKey(key);
        if (pod is null)
        {
            _addresses.Release(key);
            return;
        }
        var node = _fleet.Find(pod.Spec.NodeName);
        if (node is null)
        {
            return;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await RemoveAsync(pod, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            _addresses.Release(key);
            return;
        }
        if (IsRunning(pod))
        {
            return;
        }
        var podIp = pod.Spec.HostNetwork == true ? node.InternalIp : AddressOf(key, pod, node);
        var patch = RunningPodStatus.Patch(pod, node.InternalIp, podIp, ApiTime.Now(_options.Time));
        try
        {
            await _client.PatchStatusWithoutResultAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name,
                new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Deleted meanwhile: its delete event frees the address.
            return;
        }
        Interlocked.Increment(ref _started);
    }

    private async Task RemoveAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
        try
        {
            await _client.DeleteAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, options, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _removed);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e))
        {
            // Gone already, or a new pod of that name (another uid): nothing of this one is left to remove.
        }
    }

    /// <summary>The pod's IP: the one it reports (kept across restarts), or a new one from the node's network.</summary>
    private string AddressOf(string key, V1Pod pod, HollowNode node)
    {
        if (pod.Status?.PodIP is { Length: > 0 } reported)
        {
            return reported;
        }
        return _addresses.AddressFor(key, pod.Metadata.Uid, node.Name, PodCidrOf(node))
            ?? throw new InvalidOperationException($"node {node.Name} has no free pod IP left in {PodCidrOf(node)} for pod {key}");
    }

    /// <summary>The node's <c>spec.podCIDR</c> when it has one (from the node IPAM controller), else its fallback block.</summary>
    private Ipv4Cidr PodCidrOf(HollowNode node)
    {
        if (Ipv4Cidr.TryParse(_nodes.Indexer.Get(null, node.Name)?.Spec?.PodCIDR) is { } cidr)
        {
            return cidr;
        }
        if (node.FallbackPodCidrShared && Interlocked.Exchange(ref _warnedSharedFallback, 1) == 0)
        {
            _logger.LogWarning("Node {Node} has no spec.podCIDR and the fallback pod CIDR {PodCidr} has fewer /24 blocks than the fleet has nodes: "
                + "pod IPs repeat across such nodes (give a larger --pod-cidr, or run the node IPAM controller)", node.Name, _options.PodCidr);
        }
        return node.FallbackPodCidr;
    }

    private static bool IsRunning(V1Pod pod) =>
        pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
        && (pod.Spec.HostNetwork == true || !string.IsNullOrEmpty(pod.Status.PodIP));
}
