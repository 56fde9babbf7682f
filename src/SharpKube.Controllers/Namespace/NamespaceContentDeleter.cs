using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Namespace;

/// <summary>
/// Empties a terminating namespace: for every deletable namespaced resource it deletes the collection (or each
/// object), then lists what remains. Objects that are expected to go away later — pods within their grace
/// period, objects waiting for finalizers — yield an estimate of how long to wait; anything else that remains is
/// an error. The namespace's deletion conditions are updated on every pass, as upstream's deleter does.
/// </summary>
internal sealed class NamespaceContentDeleter
{
    /// <summary>How long to assume finalizers take when objects wait for them (upstream: 15 s).</summary>
    public const long FinalizerEstimateSeconds = 15;

    private static readonly V1DeleteOptions Background = new() { PropagationPolicy = "Background" };

    private readonly Kubernetes _client;
    private readonly NamespacedResourceDiscovery _discovery;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A deleter working through <paramref name="client"/>.</summary>
    public NamespaceContentDeleter(Kubernetes client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _discovery = new NamespacedResourceDiscovery(client);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Deletes everything in <paramref name="ns"/> and records the outcome in its conditions. Returns the seconds to
    /// wait before looking again (zero: the namespace is empty).
    /// </summary>
    /// <exception cref="AggregateException">Discovery or the deletion of some resources failed; the others were still processed.</exception>
    public async Task<long> DeleteAllContentAsync(V1Namespace ns, CancellationToken cancellationToken)
    {
        var name = ns.Metadata.Name;
        var conditions = new NamespaceDeletionConditions();
        var errors = new List<Exception>();
        var discovered = await _discovery.DiscoverAsync(cancellationToken).ConfigureAwait(false);
        if (discovered.FailedGroups.Count > 0)
        {
            conditions.DiscoveryFailed(discovered.FailedGroups);
            errors.Add(new InvalidOperationException("unable to retrieve the complete list of server APIs: " + string.Join(", ", discovered.FailedGroups)));
        }
        if (discovered.UnparsableGroupVersions.Count > 0)
        {
            conditions.GroupVersionsUnparsable(discovered.UnparsableGroupVersions);
            errors.Add(new InvalidOperationException("unexpected GroupVersion strings: " + string.Join(", ", discovered.UnparsableGroupVersions)));
        }
        var estimate = 0L;
        var byResource = new Dictionary<string, int>(StringComparer.Ordinal);
        var byFinalizer = new Dictionary<string, int>(StringComparer.Ordinal);
        var deletedAt = ns.Metadata.DeletionTimestamp ?? _time.GetUtcNow().UtcDateTime;
        foreach (var resource in discovered.Resources)
        {
            ResourceDeletionOutcome outcome;
            try
            {
                outcome = await DeleteResourceAsync(resource, name, deletedAt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or NamespaceContentException)
            {
                errors.Add(e);
                conditions.ContentDeletionFailed(e.Message);
                if (e is NamespaceContentException { Outcome: { } partial })
                {
                    outcome = partial;
                }
                else
                {
                    continue;
                }
            }
            estimate = Math.Max(estimate, outcome.EstimateSeconds);
            if (outcome.Remaining > 0)
            {
                byResource[resource.ResourceDotGroup] = byResource.GetValueOrDefault(resource.ResourceDotGroup) + outcome.Remaining;
                foreach (var (finalizer, count) in outcome.ByFinalizer)
                {
                    byFinalizer[finalizer] = byFinalizer.GetValueOrDefault(finalizer) + count;
                }
            }
        }
        conditions.Remaining(byResource, byFinalizer);
        await UpdateConditionsAsync(ns, conditions, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new AggregateException($"emptying namespace {name} failed", errors);
        }
        return estimate;
    }

    private async Task<ResourceDeletionOutcome> DeleteResourceAsync(DeletableResource resource, string ns, DateTime deletedAt,
        CancellationToken cancellationToken)
    {
        var client = new ResourceClient<PartialObjectMetadata>(_client, resource.Resource);
        var estimate = await EstimateGracefulTerminationAsync(resource, ns, deletedAt, cancellationToken).ConfigureAwait(false);
        if (!resource.CanDeleteCollection || !await TryDeleteCollectionAsync(client, ns, cancellationToken).ConfigureAwait(false))
        {
            await DeleteEachAsync(resource, client, ns, cancellationToken).ConfigureAwait(false);
        }
        if (!resource.CanList)
        {
            return ResourceDeletionOutcome.Empty with { EstimateSeconds = estimate };
        }
        IReadOnlyList<PartialObjectMetadata> remaining;
        try
        {
            remaining = (await client.ListAsync(ns, new ListRequest(), cancellationToken).ConfigureAwait(false)).Items;
        }
        catch (Exception e) when (ApiErrors.IsMethodNotSupported(e) || ApiErrors.IsNotFound(e))
        {
            // As upstream: a resource discovery lists but that cannot be listed after all counts as not listable.
            return ResourceDeletionOutcome.Empty with { EstimateSeconds = estimate };
        }
        if (remaining.Count == 0)
        {
            return ResourceDeletionOutcome.Empty;
        }
        var byFinalizer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finalizer in remaining.SelectMany(item => item.Metadata.Finalizers ?? []))
        {
            byFinalizer[finalizer] = byFinalizer.GetValueOrDefault(finalizer) + 1;
        }
        if (estimate > 0)
        {
            return new ResourceDeletionOutcome(estimate, remaining.Count, byFinalizer);
        }
        if (byFinalizer.Count > 0)
        {
            return new ResourceDeletionOutcome(FinalizerEstimateSeconds, remaining.Count, byFinalizer);
        }
        throw new NamespaceContentException($"unexpected items still remain in namespace: {ns} for gvr: {resource.GvrText}",
            new ResourceDeletionOutcome(estimate, remaining.Count, byFinalizer));
    }

    private static async Task<bool> TryDeleteCollectionAsync(ResourceClient<PartialObjectMetadata> client, string ns, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteCollectionAsync(ns, Background, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsMethodNotSupported(e) || ApiErrors.IsNotFound(e))
        {
            return false;
        }
    }

    private static async Task DeleteEachAsync(DeletableResource resource, ResourceClient<PartialObjectMetadata> client, string ns,
        CancellationToken cancellationToken)
    {
        if (!resource.CanList)
        {
            return;
        }
        IReadOnlyList<PartialObjectMetadata> items;
        try
        {
            items = (await client.ListAsync(ns, new ListRequest(), cancellationToken).ConfigureAwait(false)).Items;
        }
        catch (Exception e) when (ApiErrors.IsMethodNotSupported(e) || ApiErrors.IsNotFound(e))
        {
            return;
        }
        foreach (var item in items)
        {
            try
            {
                await client.DeleteAsync(ns, item.Metadata.Name, Background, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsMethodNotSupported(e))
            {
            }
        }
    }

    /// <summary>
    /// Pods may take their termination grace period to go away: the longest among those not finished, unless the
    /// namespace has been terminating longer than that already.
    /// </summary>
    private async Task<long> EstimateGracefulTerminationAsync(DeletableResource resource, string ns, DateTime deletedAt,
        CancellationToken cancellationToken)
    {
        if (resource.Resource is not { Group: "", Plural: "pods" })
        {
            return 0;
        }
        var pods = await new ResourceClient<V1Pod>(_client).ListAsync(ns, new ListRequest(), cancellationToken).ConfigureAwait(false);
        var estimate = pods.Items
            .Where(p => p.Status?.Phase is not ("Succeeded" or "Failed"))
            .Select(p => p.Spec?.TerminationGracePeriodSeconds ?? 0)
            .DefaultIfEmpty(0)
            .Max();
        var elapsed = _time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(deletedAt, DateTimeKind.Utc);
        return elapsed >= TimeSpan.FromSeconds(estimate) ? 0 : estimate;
    }

    private async Task UpdateConditionsAsync(V1Namespace ns, NamespaceDeletionConditions conditions, CancellationToken cancellationToken)
    {
        ns.Status ??= new V1NamespaceStatus();
        if (!conditions.ApplyTo(ns.Status, _time.GetUtcNow().UtcDateTime))
        {
            return;
        }
        try
        {
            var updated = await _client.CoreV1.ReplaceNamespaceStatusAsync(ns, ns.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            ns.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
        }
        catch (HttpOperationException e)
        {
            // As upstream: the conditions are informative; the next pass writes them again.
            _logger.LogWarning(e, "Could not update the deletion conditions of namespace {Namespace}", ns.Metadata.Name);
        }
    }
}
