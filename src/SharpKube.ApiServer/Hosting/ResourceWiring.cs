using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Allocation;
using SharpKube.ApiServer.Conversion;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Hosting;

/// <summary>Builds one endpoint per served resource: its store, strategy, cache, table printer and selectable fields.</summary>
public static class ResourceWiring
{
    /// <summary>
    /// Wires every persisted resource of <paramref name="registry"/>, each store with the plugins of
    /// <paramref name="admission"/> that handle its resource, in the order given.
    /// </summary>
    public static ResourceCatalog Build(ResourceRegistry registry, IKeyValueStore kv, ClusterWatchCache watchCache, ServiceCidr cidr,
        IReadOnlyList<IMutatingAdmission> admission, TimeProvider time)
    {
        var catalog = new ResourceCatalog { Registry = registry };
        ResourceStore? namespaces = null;
        var context = new StoreContext(time, async (name, cancellationToken) =>
        {
            if (namespaces is null)
            {
                return null;
            }
            if (namespaces.Cache.Get("", name) is { } cached)
            {
                return System.Text.Json.JsonDocument.Parse(cached.Json);
            }
            // The watch cache may not have seen a namespace created a moment ago: ask the datastore
            // before refusing, as upstream's namespace lifecycle admission does on a cache miss.
            var stored = await kv.GetAsync(namespaces.Key(null, name), 0, cancellationToken).ConfigureAwait(false);
            return stored is null ? null : System.Text.Json.JsonDocument.Parse(stored.Value);
        });
        foreach (var resource in registry.All)
        {
            if (!resource.Persisted)
            {
                continue;
            }
            var fields = SelectableFields.For(resource.StorageGroup ?? resource.Group, resource.Kind);
            var cache = watchCache.Register(resource.StoragePrefix, obj => fields.Extract(obj));
            var store = new ResourceStore(resource, StrategyCatalog.For(resource), kv, cache, context)
            {
                Converter = ConverterFor(resource),
                TimeToLive = resource.StorageResource == "events" ? TimeSpan.FromHours(1) : null,
                MutatingAdmission = [.. admission.Where(plugin => plugin.Handles(resource))],
            };
            catalog.Add(new ResourceEndpoint(store, TableConvertors.For(resource.Group, resource.Kind), fields));
            if (resource is { Group: "", Plural: "namespaces" })
            {
                namespaces = store;
            }
            if (resource is { Group: "", Plural: "services" })
            {
                new ServiceAllocator(cidr, cache, time).Attach(store);
            }
        }
        return catalog;
    }

    private static ObjectConverter? ConverterFor(ResourceDefinition resource) => (resource.Group, resource.Version, resource.Kind) switch
    {
        ("events.k8s.io", "v1", "Event") => EventConverter.Instance,
        ("autoscaling", "v1", "HorizontalPodAutoscaler") => HorizontalPodAutoscalerV1Converter.Instance,
        _ => null,
    };
}
