using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.ServiceEndpoints;

namespace SharpKube.Controllers.Endpoints;

/// <summary>
/// Keeps the core/v1 Endpoints object of every Service with a selector (older clients and DNS servers still read
/// them): created, updated when the selected pods change, deleted with the service. Endpoints of services without a
/// selector are the user's and left alone.
/// </summary>
public sealed class EndpointsController : IController
{
    private readonly ControllerContext _context;
    private readonly RateLimitingQueue<string> _queue;
    private readonly SharedInformer<V1Service> _services;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly ResourceClient<V1Endpoints> _client;
    private readonly ILogger _logger;

    /// <summary>Creates the controller and registers its informer handlers.</summary>
    public EndpointsController(ControllerContext context)
    {
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<EndpointsController>();
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _services = context.Informers.Informer<V1Service>();
        _pods = context.Informers.Informer<V1Pod>();
        _client = new ResourceClient<V1Endpoints>(context.Client);
        var enqueuer = new ServiceEnqueuer(_services.Indexer, _queue);
        _services.AddEventHandler(enqueuer.ServiceHandler);
        _pods.AddEventHandler(enqueuer.PodHandler);
    }

    /// <inheritdoc/>
    public string Name => "endpoint";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    /// <summary>Brings one service's Endpoints to what its pods say; reads the live object, so a stale cache cannot undo a write.</summary>
    internal async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        var service = _services.Indexer.Get(ns, name);
        if (service is null)
        {
            try
            {
                await _client.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
            }
            return;
        }
        if (!ServicePods.HasSelector(service))
        {
            return;
        }
        var existing = await _client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        var desired = DesiredEndpoints.Compute(service, _pods.Indexer.List(ns ?? ""), existing);
        if (existing is null)
        {
            await _client.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
        }
        else if (!Same(existing, desired))
        {
            await _client.ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Same(V1Endpoints current, V1Endpoints wanted) =>
        KubernetesJson.Serialize(current.Subsets ?? []) == KubernetesJson.Serialize(wanted.Subsets ?? [])
        && Sorted(current.Metadata.Labels) == Sorted(wanted.Metadata.Labels)
        && Sorted(current.Metadata.Annotations) == Sorted(wanted.Metadata.Annotations);

    private static string Sorted(IDictionary<string, string>? map) =>
        KubernetesJson.Serialize(new SortedDictionary<string, string>(map ?? new Dictionary<string, string>(), StringComparer.Ordinal));
}
