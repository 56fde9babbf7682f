using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// Upstream's <c>nodelifecycle</c> controller. Every monitor period it checks each node's signs of life (its Lease
/// in <c>kube-node-lease</c>, or its Ready heartbeat): a node silent for longer than the grace period gets its
/// kubelet conditions set to Unknown. Not-ready nodes get the <c>NoExecute</c> taint (<c>unreachable</c> for
/// Unknown, <c>not-ready</c> for False) at each zone's eviction rate — none while every zone is down — and lose it
/// when Ready again; their Ready pods are marked not Ready. On every node change it keeps the <c>NoSchedule</c>
/// taints that mirror the node's conditions and <c>spec.unschedulable</c>. Pod eviction for <c>NoExecute</c> taints
/// is the taint eviction controller's job.
/// </summary>
public sealed class NodeLifecycleController : IController
{
    private readonly ControllerContext _context;
    private readonly NodeLifecycleOptions _options;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly SharedInformer<V1Lease> _leases;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly ResourceClient<V1Node> _nodeClient;
    private readonly NodeTaintWriter _taints;
    private readonly PodReadiness _podReadiness;
    private readonly RateLimitingQueue<string> _noScheduleQueue;
    private readonly EventRecorder _recorder;
    private readonly ILogger _logger;
    private readonly NodeHealthTracker _health = new();
    private readonly ZoneDisruption _disruption;
    private readonly Dictionary<string, ZoneTaintQueue> _zoneQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Node> _known = new(StringComparer.Ordinal);

    /// <summary>Registers the handlers on the shared node, Lease and pod informers.</summary>
    public NodeLifecycleController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _options = context.Options.NodeLifecycle;
        _logger = context.LoggerFactory.CreateLogger<NodeLifecycleController>();
        _recorder = context.EventRecorder("node-controller");
        _disruption = new ZoneDisruption(_options);
        _nodeClient = new ResourceClient<V1Node>(context.Client);
        _nodes = context.Informers.Informer<V1Node>();
        _leases = context.Informers.Informer<V1Lease>();
        _pods = context.Informers.Informer<V1Pod>();
        PodsByNode.EnsureIndex(_pods);
        _taints = new NodeTaintWriter(_nodeClient, _nodes);
        _podReadiness = new PodReadiness(new ResourceClient<V1Pod>(context.Client), _recorder, _logger);
        _noScheduleQueue = new RateLimitingQueue<string>(time: context.Time);
        _nodes.AddEventHandler(new ResourceEventHandler<V1Node>
        {
            OnAdd = node => _noScheduleQueue.Add(node.Metadata.Name),
            OnUpdate = (_, node) => _noScheduleQueue.Add(node.Metadata.Name),
        });
    }

    /// <inheritdoc/>
    public string Name => "nodelifecycle";

    /// <inheritdoc/>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = ControllerWorkers.RunAsync(_noScheduleQueue, SyncNoScheduleTaintsAsync, _context.Options.Workers, _logger, cancellationToken);
        try
        {
            using var timer = new PeriodicTimer(_options.MonitorPeriod, _context.Time);
            do
            {
                try
                {
                    await MonitorNodeHealthAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One failed pass must not stop the monitor: the next pass starts from the caches again.
                    _logger.LogWarning(e, "Monitoring node health failed; trying again next period");
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await workers.ConfigureAwait(false);
    }

    private async Task MonitorNodeHealthAsync(CancellationToken cancellationToken)
    {
        var nodes = _nodes.Indexer.List();
        TrackAddedAndDeleted(nodes);
        var zones = new Dictionary<string, List<V1NodeCondition?>>(StringComparer.Ordinal);
        foreach (var cached in nodes)
        {
            var node = await UpdateHealthAsync(cached, cancellationToken).ConfigureAwait(false);
            if (node is null)
            {
                continue;
            }
            var ready = NodeConditions.Find(node, "Ready");
            if (node.Metadata.Labels?.ContainsKey("node.kubernetes.io/exclude-disruption") != true)
            {
                var zone = ZoneDisruption.ZoneOf(node);
                if (!zones.TryGetValue(zone, out var conditions))
                {
                    zones[zone] = conditions = [];
                }
                conditions.Add(ready);
            }
            if (ready is not null)
            {
                await ProcessTaintBasedEvictionAsync(node, ready, cancellationToken).ConfigureAwait(false);
                if (ready.Status != "True")
                {
                    await _podReadiness.MarkNotReadyAsync(PodsByNode.On(_pods, node.Metadata.Name), Now(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        await HandleDisruptionAsync(zones, nodes, cancellationToken).ConfigureAwait(false);
        await TaintQueuedNodesAsync(cancellationToken).ConfigureAwait(false);
    }

    private void TrackAddedAndDeleted(IReadOnlyList<V1Node> nodes)
    {
        foreach (var node in nodes)
        {
            var name = node.Metadata.Name;
            if (!_known.ContainsKey(name))
            {
                _recorder.Event(node, EventType.Normal, "RegisteredNode", $"Node {name} event: Registered Node {name} in Controller");
            }
            _known[name] = node;
            ZoneQueueOf(node);
        }
        var current = nodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, node) in _known.Where(k => !current.Contains(k.Key)).ToList())
        {
            _recorder.Event(node, EventType.Normal, "RemovingNode", $"Node {name} event: Removing Node {name} from Controller");
            _known.Remove(name);
            _health.Forget(name);
            foreach (var queue in _zoneQueues.Values)
            {
                queue.Remove(name);
            }
        }
    }

    /// <summary>
    /// Sets the kubelet's conditions to Unknown when the node has been silent past its grace period; returns the
    /// node as it now is (null when it is gone).
    /// </summary>
    private async Task<V1Node?> UpdateHealthAsync(V1Node node, CancellationToken cancellationToken)
    {
        var name = node.Metadata.Name;
        for (var attempt = 1; ; attempt++)
        {
            var now = _context.Time.GetUtcNow();
            var observedReady = NodeConditions.Find(node, "Ready");
            var grace = observedReady is null ? _options.StartupGracePeriod : _context.Options.NodeMonitorGracePeriod;
            var probeTime = _health.Observe(node, _leases.Indexer.Get("kube-node-lease", name), now);
            if (now <= probeTime + grace || observedReady?.Status == "Unknown")
            {
                return node;
            }
            var updated = Copy(node);
            NodeConditions.MarkUnknown(updated, Now());
            try
            {
                var written = await _nodeClient.ReplaceStatusAsync(updated, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Node {Node} stopped posting status: its conditions are now Unknown", name);
                if (observedReady?.Status == "True")
                {
                    _recorder.Event(written, EventType.Normal, "NodeNotReady", $"Node {name} status is now: NodeNotReady");
                }
                return written;
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
                return null;
            }
            catch (Exception e) when (ApiErrors.IsConflict(e) && attempt < 5)
            {
                if (await _nodeClient.GetAsync(null, name, cancellationToken).ConfigureAwait(false) is not { } fresh)
                {
                    return null;
                }
                node = fresh;
            }
        }
    }

    private async Task ProcessTaintBasedEvictionAsync(V1Node node, V1NodeCondition ready, CancellationToken cancellationToken)
    {
        var name = node.Metadata.Name;
        var taints = node.Spec?.Taints;
        var zoneQueue = ZoneQueueOf(node);
        switch (ready.Status)
        {
            case "False" when NodeTaints.Has(taints, NodeTaints.Unreachable, NodeTaints.NoExecute):
                // Tainted already: switch the taint's kind at once, without waiting for the rate limit.
                await SwapNoExecuteAsync(name, NodeTaints.NotReady, NodeTaints.Unreachable, cancellationToken).ConfigureAwait(false);
                break;
            case "Unknown" when NodeTaints.Has(taints, NodeTaints.NotReady, NodeTaints.NoExecute):
                await SwapNoExecuteAsync(name, NodeTaints.Unreachable, NodeTaints.NotReady, cancellationToken).ConfigureAwait(false);
                break;
            case "False" when !NodeTaints.Has(taints, NodeTaints.NotReady, NodeTaints.NoExecute):
            case "Unknown" when !NodeTaints.Has(taints, NodeTaints.Unreachable, NodeTaints.NoExecute):
                zoneQueue.Add(name);
                break;
            case "True":
                zoneQueue.Remove(name);
                await LiftNoExecuteAsync(node, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task HandleDisruptionAsync(Dictionary<string, List<V1NodeCondition?>> zones, IReadOnlyList<V1Node> nodes,
        CancellationToken cancellationToken)
    {
        var decision = _disruption.Evaluate(zones);
        var now = _context.Time.GetUtcNow();
        if (decision.Entered)
        {
            _logger.LogWarning("No node is Ready in any zone: the control plane may be cut off from the nodes, so no node is tainted for eviction");
            foreach (var node in nodes)
            {
                await LiftNoExecuteAsync(node, cancellationToken).ConfigureAwait(false);
            }
        }
        if (decision.Left)
        {
            _logger.LogInformation("Nodes are Ready again after a disruption of every zone; every node gets a full grace period");
            _health.ResetProbeTimes(now);
        }
        foreach (var (zone, rate) in decision.Rates)
        {
            if (_zoneQueues.TryGetValue(zone, out var queue))
            {
                queue.SetRate(rate, now);
            }
        }
    }

    private async Task TaintQueuedNodesAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _zoneQueues.Values)
        {
            while (queue.TryDequeue(_context.Time.GetUtcNow()) is { } name)
            {
                var node = _nodes.Indexer.Get(null, name);
                var (add, opposite) = NodeConditions.Find(node ?? new V1Node(), "Ready")?.Status switch
                {
                    "False" => (NodeTaints.NotReady, NodeTaints.Unreachable),
                    "Unknown" => (NodeTaints.Unreachable, NodeTaints.NotReady),
                    _ => (null, null),
                };
                if (node is null || add is null)
                {
                    continue;
                }
                if (!await SwapNoExecuteAsync(name, add, opposite!, cancellationToken).ConfigureAwait(false))
                {
                    queue.Add(name);
                }
            }
        }
    }

    private async Task<bool> SwapNoExecuteAsync(string name, string add, string remove, CancellationToken cancellationToken)
    {
        try
        {
            await _taints.SwapAsync(name, [NodeTaintWriter.Taint(add, NodeTaints.NoExecute, Now())],
                [NodeTaintWriter.Taint(remove, NodeTaints.NoExecute, Now())], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            _logger.LogWarning(e, "Could not taint node {Node} with {Taint}:NoExecute; trying again next period", name, add);
            return false;
        }
    }

    private async Task LiftNoExecuteAsync(V1Node node, CancellationToken cancellationToken)
    {
        var taints = node.Spec?.Taints;
        if (!NodeTaints.Has(taints, NodeTaints.Unreachable, NodeTaints.NoExecute) && !NodeTaints.Has(taints, NodeTaints.NotReady, NodeTaints.NoExecute))
        {
            return;
        }
        try
        {
            await _taints.SwapAsync(node.Metadata.Name, [], [
                NodeTaintWriter.Taint(NodeTaints.Unreachable, NodeTaints.NoExecute, Now()),
                NodeTaintWriter.Taint(NodeTaints.NotReady, NodeTaints.NoExecute, Now())], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            _logger.LogWarning(e, "Could not lift the NoExecute taints of node {Node}; trying again next period", node.Metadata.Name);
        }
    }

    /// <summary>Keeps the <c>NoSchedule</c> taints that mirror the node's conditions and <c>spec.unschedulable</c>.</summary>
    private async Task SyncNoScheduleTaintsAsync(string name, CancellationToken cancellationToken)
    {
        var node = _nodes.Indexer.Get(null, name);
        if (node is null)
        {
            return;
        }
        var wanted = NodeTaints.ByCondition
            .Where(m => NodeConditions.Find(node, m.ConditionType)?.Status == m.Status)
            .Select(m => m.TaintKey)
            .ToList();
        if (node.Spec?.Unschedulable == true)
        {
            wanted.Add(NodeTaints.Unschedulable);
        }
        var managed = NodeTaints.ByCondition.Select(m => m.TaintKey).Append(NodeTaints.Unschedulable).ToHashSet(StringComparer.Ordinal);
        var current = node.Spec?.Taints?.Where(t => t.Effect == NodeTaints.NoSchedule && managed.Contains(t.Key)).Select(t => t.Key).ToList() ?? [];
        var add = wanted.Except(current).Select(k => NodeTaintWriter.Taint(k, NodeTaints.NoSchedule, Now())).ToList();
        var remove = current.Except(wanted).Select(k => NodeTaintWriter.Taint(k, NodeTaints.NoSchedule, Now())).ToList();
        if (add.Count > 0 || remove.Count > 0)
        {
            await _taints.SwapAsync(name, add, remove, cancellationToken).ConfigureAwait(false);
        }
    }

    private ZoneTaintQueue ZoneQueueOf(V1Node node)
    {
        var zone = ZoneDisruption.ZoneOf(node);
        if (!_zoneQueues.TryGetValue(zone, out var queue))
        {
            _zoneQueues[zone] = queue = new ZoneTaintQueue(_options.EvictionRate, _context.Time.GetUtcNow());
        }
        return queue;
    }

    private DateTime Now()
    {
        var now = _context.Time.GetUtcNow().UtcDateTime;
        // Kubernetes times are whole seconds.
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static V1Node Copy(V1Node node) => KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(node));
}
