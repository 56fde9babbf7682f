using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiMachinery.Tables;
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
    /// <summary>Wires every persisted resource of <paramref name="registry"/>.</summary>
    public static ResourceCatalog Build(ResourceRegistry registry, IKeyValueStore kv, ClusterWatchCache watchCache, ServiceCidr cidr, TimeProvider time)
    {
        var catalog = new ResourceCatalog { Registry = registry };
        ResourceCache? namespaces = null;
        var context = new StoreContext(time, name =>
        {
            var found = namespaces?.Get("", name);
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
            var store = new ResourceStore(resource, StrategyCatalog.For(resource), kv, cache, context)
            {
                Converter = ConverterFor(resource),
                TimeToLive = resource.StorageResource == "events" ? TimeSpan.FromHours(1) : null,
            };
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

    private static ObjectConverter? ConverterFor(ResourceDefinition resource) => (resource.Group, resource.Version, resource.Kind) switch
    {
        ("events.k8s.io", "v1", "Event") => EventConverter.Instance,
        ("autoscaling", "v1", "HorizontalPodAutoscaler") => HorizontalPodAutoscalerV1Converter.Instance,
        _ => null,
    };
}
