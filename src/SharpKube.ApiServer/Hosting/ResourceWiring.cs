using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Allocation;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Hosting;

/// <summary>Builds one endpoint per served resource: its store, strategy, cache, table printer and selectable fields.</summary>
public static class ResourceWiring
{
    private static readonly TimeSpan NamespaceCatchUp = TimeSpan.FromSeconds(5);

    /// <summary>Wires every persisted resource of <paramref name="registry"/>.</summary>
    public static ResourceCatalog Build(ResourceRegistry registry, IKeyValueStore kv, ClusterWatchCache watchCache, ServiceCidr cidr, TimeProvider time)
    {
        var catalog = new ResourceCatalog { Registry = registry };
        ResourceCache? namespaces = null;
        var context = new StoreContext(time, async (name, cancellationToken) =>
        {
            var found = namespaces?.Get("", name);
            // A namespace created a moment ago (the first document of a `kubectl create -f`) may not have
            // reached the cache yet: catch up with the datastore before calling it missing.
            if (found is null && await watchCache.WaitUntilCurrentAsync(NamespaceCatchUp, cancellationToken).ConfigureAwait(false))
            {
                found = namespaces?.Get("", name);
            }
            return found is null ? null : System.Text.Json.JsonDocument.Parse(found.Json);
        });
        foreach (var resource in registry.All)
        {
            if (!resource.Persisted)
            {
                continue;
            }
            var fields = SelectableFields.For(resource.StorageGroup ?? resource.Group, resource.Kind);
            var cache = watchCache.Register(resource.StoragePrefix, obj => fields.Extract(obj));
            var store = new ResourceStore(resource, StrategyCatalog.For(resource), kv, cache, context);
            catalog.Add(new ResourceEndpoint(store, TableConvertors.For(resource.Group, resource.Kind), fields));
            if (resource is { Group: "", Plural: "namespaces" })
            {
                namespaces = cache;
            }
            if (resource is { Group: "", Plural: "services" })
            {
                new ServiceAllocator(cidr, cache, time).Attach(store);
            }
        }
        return catalog;
    }
}
