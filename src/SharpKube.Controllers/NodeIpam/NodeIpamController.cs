using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.NodeIpam;

/// <summary>
/// Gives every Node a pod network block from the cluster CIDR (<c>spec.podCIDR</c> and <c>spec.podCIDRs</c>) that no
/// other node holds, and frees it when the node goes — upstream's <c>nodeipam</c> controller with the range
/// allocator. Before handing out anything it records the blocks existing nodes already hold, so a restart never
/// gives a block twice. When the network is full the node gets a <c>CIDRNotAvailable</c> Warning event and is
/// retried with backoff, and at once when a block is freed.
/// </summary>
public sealed class NodeIpamController : IController
{
    private readonly ControllerContext _context;
    private readonly NodeCidrSet _cidrs;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly ResourceClient<V1Node> _client;
    private readonly RateLimitingQueue<string> _queue;
    private readonly EventRecorder _recorder;
    private readonly ILogger _logger;

    /// <summary>Registers the handlers on the shared node informer.</summary>
    /// <exception cref="FormatException">The cluster CIDR or node mask size in the options is invalid.</exception>
    public NodeIpamController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _cidrs = NodeCidrSet.Create(context.Options.ClusterCidr, context.Options.NodeCidrMaskSize);
        _logger = context.LoggerFactory.CreateLogger<NodeIpamController>();
        _client = new ResourceClient<V1Node>(context.Client);
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _recorder = context.EventRecorder("cidrAllocator");
        _nodes = context.Informers.Informer<V1Node>();
        _nodes.AddEventHandler(new ResourceEventHandler<V1Node>
        {
            OnAdd = node => _queue.Add(node.Metadata.Name),
            OnUpdate = (_, node) => _queue.Add(node.Metadata.Name),
            OnDelete = node =>
            {
                Release(node.Metadata.Name);
                _queue.Add(node.Metadata.Name);
            },
        });
    }

    /// <inheritdoc/>
    public string Name => "nodeipam";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        // Every block an existing node holds is recorded before any is handed out.
        foreach (var node in _nodes.Indexer.List())
        {
            Occupy(node);
        }
        _logger.LogInformation("Allocating node CIDRs from {ClusterCidr}: {Used} of {Capacity} blocks held", _cidrs.ClusterCidr, _cidrs.Used, _cidrs.Capacity);
        return ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);
    }

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        var node = _nodes.Indexer.Get(null, name);
        if (node is null || node.Metadata.DeletionTimestamp is not null)
        {
            Release(name);
            return;
        }
        if (node.Spec?.PodCIDRs is { Count: > 0 })
        {
            Occupy(node);
            return;
        }
        var cidr = _cidrs.Allocate(name);
        if (cidr is null)
        {
            _recorder.Event(node, EventType.Warning, "CIDRNotAvailable", $"Node {name} status is now: CIDRNotAvailable");
            throw new InvalidOperationException($"no /{_context.Options.NodeCidrMaskSize} block of {_cidrs.ClusterCidr} is left for node {name}");
        }
        try
        {
            await _client.PatchAsync(null, name, new V1Patch($$$"""{"spec":{"podCIDR":"{{{cidr}}}","podCIDRs":["{{{cidr}}}"]}}""",
                V1Patch.PatchType.StrategicMergePatch), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Node {Node} gets pod CIDR {Cidr}", name, cidr);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsInvalid(e))
        {
            // Gone, or it got a CIDR from elsewhere meanwhile (the informer brings that one): the block is free again.
            Release(name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The block stays with the node, so the retry asks for the same one even if this patch went through.
            _recorder.Event(node, EventType.Warning, "CIDRAssignmentFailed", $"Node {name} status is now: CIDRAssignmentFailed");
            throw;
        }
    }

    private void Occupy(V1Node node)
    {
        var name = node.Metadata.Name;
        foreach (var cidr in node.Spec?.PodCIDRs?.Take(1) ?? [])
        {
            if (_cidrs.Occupy(name, cidr) is { } problem)
            {
                _logger.LogWarning("Node {Node} has pod CIDR {Cidr} this controller cannot record: {Problem}", name, cidr, problem);
            }
        }
    }

    private void Release(string name)
    {
        if (!_cidrs.Release(name))
        {
            return;
        }
        _logger.LogInformation("Node {Node} is gone; its pod CIDR is free", name);
        // Nodes waiting for a block (backing off after CIDRNotAvailable) may take this one now.
        foreach (var waiting in _nodes.Indexer.List().Where(n => n.Spec?.PodCIDRs is not { Count: > 0 }))
        {
            _queue.Add(waiting.Metadata.Name);
        }
    }
}
