using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// Keeps each registered node's Lease in <c>kube-node-lease</c> renewed, as the kubelet's node lease controller:
/// holder the node, <see cref="HollowNodeOptions.LeaseDuration"/> (40 s), owned by the Node, renewed every
/// <see cref="HollowNodeOptions.LeaseRenewInterval"/> (10 s) by a PUT of the Lease last written (a conflict or a
/// missing Lease reads it again first). The first renewal of node <c>i</c> of <c>n</c> comes after <c>(i+1)/n</c>
/// of the interval, so renewals of a large fleet are spread evenly over the interval instead of coming in bursts.
/// A failed renewal is retried after 200 ms, doubling up to the interval.
/// </summary>
internal sealed class NodeLeaseRenewer
{
    /// <summary>The namespace of node Leases.</summary>
    public const string LeaseNamespace = "kube-node-lease";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);

    private readonly FleetLayout _fleet;
    private readonly HollowNodeOptions _options;
    private readonly ResourceClient<V1Lease> _leases;
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<string> _queue;
    private long _renewals;

    public NodeLeaseRenewer(FleetLayout fleet, HollowNodeOptions options, ResourceClient<V1Lease> leases, ILogger logger)
    {
        _fleet = fleet;
        _options = options;
        _leases = leases;
        _logger = logger;
        _queue = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter<string>(FirstRetry, options.LeaseRenewInterval), options.Time);
    }

    /// <summary>How many Lease writes (creations and renewals) succeeded.</summary>
    public long Renewals => Interlocked.Read(ref _renewals);

    /// <summary>Starts looking after a node's Lease: it is written at once.</summary>
    public void Start(HollowNode node) => _queue.Add(node.Name);

    /// <summary>Renews until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _options.EffectiveLeaseWorkers, _logger, cancellationToken);

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        var node = _fleet.Find(name);
        if (node is null || node.Uid is null)
        {
            return;
        }
        if (node.Deleted)
        {
            _logger.LogInformation("Node {Node} was deleted: no longer renewing its Lease (it is not registered again until the fleet restarts)", name);
            return;
        }
        var first = node.Lease is null;
        try
        {
            node.Lease = first ? await EnsureAsync(node, cancellationToken).ConfigureAwait(false) : await RenewAsync(node.Lease!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e) || ApiErrors.IsNotFound(e))
        {
            // Someone else wrote or removed it: start again from what is there.
            node.Lease = null;
            throw;
        }
        Interlocked.Increment(ref _renewals);
        var interval = _options.LeaseRenewInterval;
        _queue.AddAfter(name, first ? interval * ((node.Index + 1.0) / _fleet.Nodes.Count) : interval);
    }

    private Task<V1Lease> RenewAsync(V1Lease lease, CancellationToken cancellationToken)
    {
        // The Lease is this renewer's own copy (the last write's response), never a shared cache entry.
        lease.Spec.RenewTime = _options.Time.GetUtcNow().UtcDateTime;
        return _leases.ReplaceAsync(lease, cancellationToken);
    }

    /// <summary>Creates the node's Lease, or takes over the one there (another run's, or one someone else wrote).</summary>
    private async Task<V1Lease> EnsureAsync(HollowNode node, CancellationToken cancellationToken)
    {
        var existing = await _leases.GetAsync(LeaseNamespace, node.Name, cancellationToken).ConfigureAwait(false);
        var lease = existing ?? new V1Lease { Metadata = new V1ObjectMeta { Name = node.Name, NamespaceProperty = LeaseNamespace } };
        lease.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = node.Name, Uid = node.Uid }];
        lease.Spec = new V1LeaseSpec
        {
            HolderIdentity = node.Name,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            RenewTime = _options.Time.GetUtcNow().UtcDateTime,
        };
        return existing is null
            ? await _leases.CreateAsync(lease, cancellationToken).ConfigureAwait(false)
            : await _leases.ReplaceAsync(lease, cancellationToken).ConfigureAwait(false);
    }
}
