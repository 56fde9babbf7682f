using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// Posts each registered node's conditions, as the kubelet's status loop does with node leases on: at once when
/// they are not the healthy ones (e.g. the node lifecycle controller set Ready Unknown while the fleet was down),
/// and otherwise only a heartbeat every <see cref="HollowNodeOptions.NodeStatusReportFrequency"/> (5 min) — a
/// strategic merge patch of the four conditions, nothing else. Node <c>i</c> of <c>n</c> reports in its own slot,
/// <c>i/n</c> of the way into each period, so a large fleet's heartbeats are spread evenly.
/// </summary>
internal sealed class NodeStatusReporter
{
    private readonly FleetLayout _fleet;
    private readonly HollowNodeOptions _options;
    private readonly ResourceClient<V1Node> _client;
    private readonly Indexer<V1Node> _cache;
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<string> _queue;
    private readonly Dictionary<string, DateTime> _posted = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly DateTime _epoch;

    public NodeStatusReporter(FleetLayout fleet, HollowNodeOptions options, ResourceClient<V1Node> client, SharedInformer<V1Node> nodes, ILogger logger)
    {
        _fleet = fleet;
        _options = options;
        _client = client;
        _cache = nodes.Indexer;
        _logger = logger;
        _queue = new RateLimitingQueue<string>(time: options.Time);
        _epoch = ApiTime.Now(options.Time);
        nodes.AddEventHandler(new ResourceEventHandler<V1Node>
        {
            OnAdd = node => _queue.Add(node.Metadata.Name),
            OnUpdate = (_, node) => _queue.Add(node.Metadata.Name),
        });
    }

    /// <summary>Starts reporting a node's status.</summary>
    public void Start(HollowNode node) => _queue.Add(node.Name);

    /// <summary>Reports until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _options.EffectiveLeaseWorkers, _logger, cancellationToken);

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        var node = _fleet.Find(name);
        if (node is null || node.Uid is null || node.Deleted)
        {
            return;
        }
        var cached = _cache.Get(null, name);
        var conditions = cached?.Status?.Conditions;
        var now = ApiTime.Now(_options.Time);
        if (KubeletConditions.AreHealthy(conditions) && LastHeartbeat(name, conditions) is { } last)
        {
            var due = NextReport(node, last);
            if (due > now)
            {
                _queue.AddAfter(name, due - now);
                return;
            }
        }
        var patch = new V1Patch(new { status = new { conditions = KubeletConditions.At(now, conditions) } }, V1Patch.PatchType.StrategicMergePatch);
        try
        {
            await _client.PatchStatusAsync(null, name, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Deleted under us; the informer's delete marks the node as gone.
            return;
        }
        lock (_lock)
        {
            _posted[name] = now;
        }
        _queue.AddAfter(name, NextReport(node, now) - now);
    }

    /// <summary>The newest heartbeat known: the cache's, or this reporter's own last post when the cache lags behind it.</summary>
    private DateTime? LastHeartbeat(string name, IEnumerable<V1NodeCondition>? conditions)
    {
        var cached = KubeletConditions.OldestHeartbeat(conditions);
        lock (_lock)
        {
            return _posted.TryGetValue(name, out var posted) && (cached is null || posted > cached) ? posted : cached;
        }
    }

    /// <summary>The node's first report slot at least half a period after <paramref name="last"/>.</summary>
    private DateTime NextReport(HollowNode node, DateTime last)
    {
        var period = _options.NodeStatusReportFrequency;
        var phase = period * ((double)node.Index / _fleet.Nodes.Count);
        var earliest = last + period / 2 - _epoch - phase;
        var slots = Math.Max(0, Math.Ceiling(earliest / period));
        return _epoch + phase + period * slots;
    }
}
