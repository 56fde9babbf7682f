using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Hosting;

/// <summary>
/// Keeps the <see cref="ClusterZone"/> level with the API: on any change to a Service or one of its EndpointSlices
/// the Service's names are rebuilt from the informers' caches (so the order of events does not matter); each
/// namespace makes its <c>&lt;ns&gt;.svc</c> and <c>&lt;ns&gt;.pod</c> names exist.
/// </summary>
internal sealed class ZoneWatcher
{
    private const string ServiceIndex = "service";
    private const string ServiceNameLabel = "kubernetes.io/service-name";
    private readonly ClusterZone _zone;
    private readonly SharedInformer<V1Service> _services;
    private readonly SharedInformer<V1EndpointSlice> _slices;
    private readonly ILogger _logger;

    /// <summary>Registers the informers of <paramref name="informers"/> the zone needs.</summary>
    public ZoneWatcher(Kubernetes client, SharedInformerFactory informers, ClusterZone zone, ILoggerFactory loggers)
    {
        _zone = zone;
        _logger = loggers.CreateLogger("dns.zone");
        // The caches keep only what DNS reads: with tens of thousands of Services, managed fields and annotations
        // (a kubectl-applied object carries itself again in one) would be most of the resident set.
        _services = Slim<V1Service>(client, informers, loggers, s => s);
        _slices = Slim<V1EndpointSlice>(client, informers, loggers, s => s);
        var namespaces = Slim<V1Namespace>(client, informers, loggers, n =>
        {
            n.Spec = null;
            n.Status = null;
            return n;
        });
        _slices.AddIndexer(ServiceIndex, s => s.Metadata?.Labels?.TryGetValue(ServiceNameLabel, out var service) == true
            ? [MetaNamespaceKey.For(s.Metadata.NamespaceProperty, service)]
            : []);
        _services.AddEventHandler(new ResourceEventHandler<V1Service>
        {
            OnAdd = s => Sync(MetaNamespaceKey.For(s.Metadata.NamespaceProperty, s.Metadata.Name)),
            OnUpdate = (_, s) => Sync(MetaNamespaceKey.For(s.Metadata.NamespaceProperty, s.Metadata.Name)),
            OnDelete = s => Sync(MetaNamespaceKey.For(s.Metadata.NamespaceProperty, s.Metadata.Name)),
        });
        _slices.AddEventHandler(new ResourceEventHandler<V1EndpointSlice>
        {
            OnAdd = SyncOwner,
            OnUpdate = (old, s) =>
            {
                SyncOwner(old);
                SyncOwner(s);
            },
            OnDelete = SyncOwner,
        });
        namespaces.AddEventHandler(new ResourceEventHandler<V1Namespace>
        {
            OnAdd = n => Namespace(n.Metadata.Name, exists: true),
            OnUpdate = (_, n) => Namespace(n.Metadata.Name, exists: true),
            OnDelete = n => Namespace(n.Metadata.Name, exists: false),
        });
    }

    private static SharedInformer<T> Slim<T>(Kubernetes client, SharedInformerFactory informers, ILoggerFactory loggers, Func<T, T> trim)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        informers.InformerFor(() => new SharedInformer<T>(
            TransformingListWatch.Create(new ResourceClient<T>(client), null, null, o =>
            {
                o.Metadata.ManagedFields = null;
                o.Metadata.Annotations = null;
                o.Metadata.OwnerReferences = null;
                return trim(o);
            }),
            logger: loggers.CreateLogger("informer." + typeof(T).Name)));

    private void SyncOwner(V1EndpointSlice slice)
    {
        if (slice.Metadata?.Labels?.TryGetValue(ServiceNameLabel, out var service) == true)
        {
            Sync(MetaNamespaceKey.For(slice.Metadata.NamespaceProperty, service));
        }
    }

    private void Sync(string key)
    {
        try
        {
            var service = _services.Indexer.GetByKey(key);
            _zone.Replace("service/" + key, service is null ? null
                : ServiceRecords.For(service, _slices.Indexer.ByIndex(ServiceIndex, key), _zone.Domain, _zone.Ttl));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            _logger.LogWarning("Service {Service} cannot be served in DNS: {Error}", key, e.Message);
        }
    }

    private void Namespace(string name, bool exists) =>
        _zone.Replace("namespace/" + name, exists
            ? new Dictionary<string, ResourceRecord[]>(StringComparer.Ordinal)
            {
                [$"{name}.svc.{_zone.Domain}"] = [],
                [$"{name}.pod.{_zone.Domain}"] = [],
            }
            : null);
}
