using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.ServiceLoadBalancer;

/// <summary>
/// The built-in load balancer for Services of type LoadBalancer: the cluster's nodes are the load balancer. Each
/// such Service (without a <c>spec.loadBalancerClass</c>, which hands it to another implementation) gets the
/// InternalIP of every Ready node as its <c>status.loadBalancer.ingress</c>, and the service proxy on each node
/// serves the Service's ports on those addresses. A Service that stops being a LoadBalancer loses the ingress.
/// </summary>
public sealed class ServiceLoadBalancerController : IController
{
    private readonly ControllerContext _context;
    private readonly SharedInformer<V1Service> _services;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly ResourceClient<V1Service> _client;
    private readonly RateLimitingQueue<string> _queue;
    private readonly ILogger _logger;

    /// <summary>Registers the handlers on the shared Service and Node informers.</summary>
    public ServiceLoadBalancerController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<ServiceLoadBalancerController>();
        _client = new ResourceClient<V1Service>(context.Client);
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _services = context.Informers.Informer<V1Service>();
        _services.AddEventHandler(new ResourceEventHandler<V1Service>
        {
            OnAdd = Enqueue,
            OnUpdate = (_, service) => Enqueue(service),
        });
        _nodes = context.Informers.Informer<V1Node>();
        _nodes.AddEventHandler(new ResourceEventHandler<V1Node>
        {
            OnAdd = _ => EnqueueLoadBalancers(),
            // Heartbeats update every node often; only a change of what the ingress is made of matters.
            OnUpdate = (old, node) =>
            {
                if (LoadBalancerNodes.IngressAddress(old) != LoadBalancerNodes.IngressAddress(node))
                {
                    EnqueueLoadBalancers();
                }
            },
            OnDelete = _ => EnqueueLoadBalancers(),
        });
    }

    /// <inheritdoc/>
    public string Name => "servicelb";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    private void Enqueue(V1Service service) => _queue.Add(MetaNamespaceKey.For(service));

    private void EnqueueLoadBalancers()
    {
        foreach (var service in _services.Indexer.List().Where(LoadBalancerNodes.IsOurs))
        {
            Enqueue(service);
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        var service = _services.Indexer.Get(ns, name);
        if (service is null || service.Metadata.DeletionTimestamp is not null)
        {
            return;
        }
        var current = (service.Status?.LoadBalancer?.Ingress ?? []).Select(i => i.Ip).ToList();
        List<string> desired;
        if (LoadBalancerNodes.IsOurs(service))
        {
            desired = LoadBalancerNodes.IngressAddresses(_nodes.Indexer.List());
        }
        else if (service.Spec?.Type != "LoadBalancer" && current.Count > 0)
        {
            desired = [];
        }
        else
        {
            return;
        }
        if (current.SequenceEqual(desired))
        {
            return;
        }
        var ingress = desired.Select(ip => new Dictionary<string, string> { ["ip"] = ip, ["ipMode"] = "VIP" });
        var patch = JsonSerializer.Serialize(new { status = new { loadBalancer = new { ingress } } });
        try
        {
            await _client.PatchStatusAsync(ns, name, new V1Patch(patch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Service {Service} load-balancer ingress: {Ingress}", key, desired.Count == 0 ? "none" : string.Join(",", desired));
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Deleted meanwhile: nothing to do.
        }
    }
}
