using Microsoft.Extensions.Logging;
using SharpKube.Client.Discovery;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Follows every resource that can be listed, watched and deleted (events aside, as upstream) with a shared
/// metadata informer feeding the dependency graph; <see cref="SyncAsync"/> re-reads discovery so resources added
/// later (custom resources) are followed too, and those gone are dropped.
/// </summary>
public sealed class ResourceMonitors(ApiDiscovery discovery, SharedInformerFactory informers, ResourceMapper mapper, DependencyGraph graph,
    ILogger logger)
{
    private static readonly HashSet<(string Group, string Plural)> Ignored = [("", "events"), ("events.k8s.io", "events")];
    private readonly Dictionary<ApiResource, (SharedInformer<PartialObjectMetadata> Informer, IDisposable Registration)> _monitors = [];

    /// <summary>How many resources are followed.</summary>
    public int Count => _monitors.Count;

    /// <summary>Reads discovery, updates the kind map, and starts or stops following resources to match.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var discovered = await discovery.ServerPreferredResourcesAsync(cancellationToken).ConfigureAwait(false);
        mapper.Update(discovered);
        var deletable = discovered
            .Where(r => r.Supports("list", "watch", "delete") && !Ignored.Contains((r.Resource.Group, r.Resource.Plural)))
            .Select(r => r.Resource)
            .ToHashSet();
        foreach (var gone in _monitors.Keys.Where(r => !deletable.Contains(r)).ToList())
        {
            logger.LogInformation("No longer following {Resource}", gone.Plural + "." + gone.Group);
            _monitors[gone].Registration.Dispose();
            _monitors.Remove(gone);
        }
        foreach (var resource in deletable.Where(r => !_monitors.ContainsKey(r)))
        {
            var informer = informers.MetadataInformer(resource);
            var registration = informer.AddEventHandler(new ResourceEventHandler<PartialObjectMetadata>
            {
                OnAdd = obj => graph.Enqueue(new GraphChange(GraphChangeType.Upsert, obj, null)),
                OnUpdate = (_, obj) => graph.Enqueue(new GraphChange(GraphChangeType.Upsert, obj, null)),
                OnDelete = obj => graph.Enqueue(new GraphChange(GraphChangeType.Delete, obj, null)),
            });
            _monitors.Add(resource, (informer, registration));
        }
    }

    /// <summary>Waits until every followed resource's informer has listed: true, or false when cancelled first.</summary>
    public async Task<bool> WaitForSyncAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_monitors.Values.Select(m => m.Informer.WaitForCacheSyncAsync(cancellationToken))).ConfigureAwait(false);
        return results.All(synced => synced);
    }
}
