using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Kubelet.Node;

/// <summary>
/// Keeps the node's Lease in <c>kube-node-lease</c> renewed, as upstream's node lease controller: held by the node,
/// owned by its Node object, renewed every renew interval; a failed renewal is retried after 200 ms, doubling up to
/// the interval.
/// </summary>
public sealed class NodeLeaseKeeper(ResourceClient<V1Lease> leases, string nodeName, string nodeUid, TimeSpan renewInterval,
    TimeSpan leaseDuration, TimeProvider time, ILogger logger)
{
    /// <summary>The namespace of node Leases.</summary>
    public const string LeaseNamespace = "kube-node-lease";

    private V1Lease? _lease;

    /// <summary>Renews until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                _lease = _lease is null ? await EnsureAsync(cancellationToken).ConfigureAwait(false) : await RenewAsync(_lease, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromMilliseconds(200);
                wait = renewInterval;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Failed to renew the node lease of {Node}, retrying in {Delay}: {Error}", nodeName, retry, e.Message);
                _lease = null;
                wait = retry;
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, renewInterval.Ticks));
            }
            try
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task<V1Lease> RenewAsync(V1Lease lease, CancellationToken cancellationToken)
    {
        lease.Spec.RenewTime = time.GetUtcNow().UtcDateTime;
        return leases.ReplaceAsync(lease, cancellationToken);
    }

    private async Task<V1Lease> EnsureAsync(CancellationToken cancellationToken)
    {
        var existing = await leases.GetAsync(LeaseNamespace, nodeName, cancellationToken).ConfigureAwait(false);
        var lease = existing ?? new V1Lease { Metadata = new V1ObjectMeta { Name = nodeName, NamespaceProperty = LeaseNamespace } };
        lease.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }];
        lease.Spec = new V1LeaseSpec
        {
            HolderIdentity = nodeName,
            LeaseDurationSeconds = (int)Math.Ceiling(leaseDuration.TotalSeconds),
            RenewTime = time.GetUtcNow().UtcDateTime,
        };
        return existing is null
            ? await leases.CreateAsync(lease, cancellationToken).ConfigureAwait(false)
            : await leases.ReplaceAsync(lease, cancellationToken).ConfigureAwait(false);
    }
}
