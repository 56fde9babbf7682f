using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Client.LeaderElection;

/// <summary>Reads and writes the election's <c>coordination.k8s.io/v1</c> Lease; writes are conditional on its resourceVersion.</summary>
internal sealed class LeaseLock(IKubernetes client, string ns, string name)
{
    /// <summary>The Lease, or null when it does not exist.</summary>
    public async Task<V1Lease?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Creates the Lease; null when another candidate created it first.</summary>
    public async Task<V1Lease?> CreateAsync(V1LeaseSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = spec };
            return await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsConflict(e))
        {
            return null;
        }
    }

    /// <summary>Replaces the spec of the Lease as read; null when it changed since (409).</summary>
    public async Task<V1Lease?> UpdateAsync(V1Lease current, V1LeaseSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReplaceNamespacedLeaseAsync(current with { Spec = spec }, name, ns, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsConflict(e))
        {
            return null;
        }
    }
}
