using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.ServiceEndpoints;

namespace SharpKube.Controllers.EndpointSlice;

/// <summary>
/// Keeps the EndpointSlices of every Service with a selector: one endpoint per selected pod that has an IP, with
/// ready/serving/terminating conditions, at most 100 per slice, grouped by the ports the pods resolve.
/// </summary>
public sealed class EndpointSliceController : IController
{
    private const string ServiceIndex = "service";
    private static readonly TimeSpan StaleCacheRetry = TimeSpan.FromMilliseconds(100);

    private readonly ControllerContext _context;
    private readonly RateLimitingQueue<string> _queue;
    private readonly SharedInformer<V1Service> _services;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly SharedInformer<V1EndpointSlice> _slices;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly ResourceClient<V1EndpointSlice> _sliceClient;
    private readonly SliceWrites _writes = new();
    private readonly ILogger _logger;

    /// <summary>Creates the controller and registers its informer handlers.</summary>
    public EndpointSliceController(ControllerContext context)
    {
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<EndpointSliceController>();
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _services = context.Informers.Informer<V1Service>();
        _pods = context.Informers.Informer<V1Pod>();
        _slices = context.Informers.Informer<V1EndpointSlice>();
        _nodes = context.Informers.Informer<V1Node>();
        _sliceClient = new ResourceClient<V1EndpointSlice>(context.Client);
        _slices.AddIndexer(ServiceIndex, s => EndpointSliceLabels.IsManaged(s) ? [EndpointSliceLabels.ServiceKey(s)] : []);
        var enqueuer = new ServiceEnqueuer(_services.Indexer, _queue);
        _services.AddEventHandler(enqueuer.ServiceHandler);
        _pods.AddEventHandler(enqueuer.PodHandler);
        _slices.AddEventHandler(new ResourceEventHandler<V1EndpointSlice>
        {
            // Someone else changing or deleting a managed slice gets it put back.
            OnUpdate = (_, s) => EnqueueOwner(s),
            OnDelete = s =>
            {
                if (EndpointSliceLabels.IsManaged(s))
                {
                    _writes.ObservedDeletion(EndpointSliceLabels.ServiceKey(s), s.Metadata.Name);
                }
                EnqueueOwner(s);
            },
        });
    }

    /// <inheritdoc/>
    public string Name => "endpointslice";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    /// <summary>Brings one service's slices to what its pods say.</summary>
    internal async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        var service = _services.Indexer.Get(ns, name);
        if (service is null || !ServicePods.HasSelector(service))
        {
            // Slices of a deleted service go with it through their owner reference; those of a service that lost
            // its selector are removed here.
            _writes.Forget(key);
            if (service is not null)
            {
                foreach (var slice in _slices.Indexer.ByIndex(ServiceIndex, key))
                {
                    await DeleteAsync(key, slice, cancellationToken).ConfigureAwait(false);
                }
            }
            return;
        }
        if (!_writes.AllObserved(key, _slices.Indexer))
        {
            _queue.AddAfter(key, StaleCacheRetry);
            return;
        }
        var existing = _slices.Indexer.ByIndex(ServiceIndex, key)
            .Where(s => s.Metadata.OwnerReferences?.Any(o => o.Uid == service.Metadata.Uid) ?? false)
            .ToList();
        var desired = DesiredSlices.Compute(service, _pods.Indexer.List(ns ?? ""), n => _nodes.Indexer.Get(null, n));
        var plan = EndpointSlicePlanner.For(service, desired, existing);
        foreach (var slice in plan.Create)
        {
            _writes.Written(key, await _sliceClient.CreateAsync(slice, cancellationToken).ConfigureAwait(false));
        }
        foreach (var slice in plan.Update)
        {
            _writes.Written(key, await _sliceClient.ReplaceAsync(slice, cancellationToken).ConfigureAwait(false));
        }
        foreach (var slice in plan.Delete)
        {
            await DeleteAsync(key, slice, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(string key, V1EndpointSlice slice, CancellationToken cancellationToken)
    {
        try
        {
            await _sliceClient.DeleteAsync(slice.Metadata.NamespaceProperty, slice.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
        }
        _writes.Deleted(key, slice.Metadata.Name);
    }

    private void EnqueueOwner(V1EndpointSlice slice)
    {
        if (EndpointSliceLabels.IsManaged(slice))
        {
            _queue.Add(EndpointSliceLabels.ServiceKey(slice));
        }
    }
}
