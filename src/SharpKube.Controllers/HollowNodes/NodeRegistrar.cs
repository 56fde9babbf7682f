using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// Registers every node of the fleet, <see cref="HollowNodeOptions.RegistrationParallelism"/> at a time: creates
/// the Node with its labels and status or, when one of that name exists (a restarted fleet), adopts it — adds the
/// labels and patches its status. Failures are retried with backoff until the fleet stops. Each node is handed to
/// <c>registered</c> once.
/// </summary>
internal sealed class NodeRegistrar
{
    private readonly FleetLayout _fleet;
    private readonly HollowNodeOptions _options;
    private readonly ResourceClient<V1Node> _nodes;
    private readonly Indexer<V1Node> _cache;
    private readonly Action<HollowNode> _registered;
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<string> _queue;
    private readonly TaskCompletionSource _allRegistered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started;
    private int _count;
    private int _adopted;

    public NodeRegistrar(FleetLayout fleet, HollowNodeOptions options, ResourceClient<V1Node> nodes, Indexer<V1Node> cache,
        Action<HollowNode> registered, ILogger logger)
    {
        _cache = cache;
        _fleet = fleet;
        _options = options;
        _nodes = nodes;
        _registered = registered;
        _logger = logger;
        _queue = new RateLimitingQueue<string>(time: options.Time);
        _started = options.Time.GetTimestamp();
        foreach (var node in fleet.Nodes)
        {
            _queue.Add(node.Name);
        }
    }

    /// <summary>Completes once every node has been registered.</summary>
    public Task AllRegistered => _allRegistered.Task;

    /// <summary>How many nodes are registered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Registers until every node is, or until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _options.RegistrationParallelism, _logger, cancellationToken);

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        var node = _fleet.Find(name);
        if (node is null || node.Uid is not null)
        {
            return;
        }
        var now = Now();
        // A restarted fleet finds its nodes in the cache (synced before registration starts): no create to fail.
        var cached = _cache.Get(null, name);
        if (cached is null)
        {
            try
            {
                var created = await _nodes.CreateAsync(HollowNodeObject.Build(node, _options, now), cancellationToken).ConfigureAwait(false);
                node.Uid = created.Metadata.Uid;
                _logger.LogDebug("Registered node {Node}", name);
            }
            catch (Exception e) when (ApiErrors.IsConflict(e))
            {
                // Created meanwhile by someone else: adopt it as found.
            }
        }
        if (node.Uid is null)
        {
            node.Uid = await AdoptAsync(node, cached, now, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _adopted);
            _logger.LogDebug("Adopted the existing node {Node}", name);
        }
        _registered(node);
        if (Interlocked.Increment(ref _count) == _fleet.Nodes.Count)
        {
            _logger.LogInformation("Registered {Count} hollow nodes ({First} … {Last}; {Adopted} already existed) in {Seconds:F1} s",
                _fleet.Nodes.Count, _fleet.Nodes[0].Name, _fleet.Nodes[^1].Name, Volatile.Read(ref _adopted),
                _options.Time.GetElapsedTime(_started).TotalSeconds);
            _allRegistered.TrySetResult();
            // Nothing is left to register: let the workers go.
            _queue.ShutDown();
        }
    }

    /// <summary>
    /// Takes over an existing Node of this name (<paramref name="cached"/>, or one not cached yet): our labels on it
    /// (a merge patch, only when one is missing or differs) and our status (a strategic merge patch: conditions and
    /// addresses merge by type, and a condition whose status stays keeps its transition time).
    /// </summary>
    private async Task<string> AdoptAsync(HollowNode node, V1Node? cached, DateTime now, CancellationToken cancellationToken)
    {
        var labels = HollowNodeObject.Labels(node, _options);
        var conditions = cached?.Status?.Conditions;
        if (cached is null || labels.Any(l => cached.Metadata.Labels?.TryGetValue(l.Key, out var value) != true || value != l.Value))
        {
            var labelled = await _nodes.PatchAsync(null, node.Name, new V1Patch(new { metadata = new { labels } }, V1Patch.PatchType.MergePatch),
                cancellationToken).ConfigureAwait(false);
            conditions = labelled.Status?.Conditions;
        }
        var status = new V1Node { Status = HollowNodeObject.Status(node, _options, now, conditions) };
        var updated = await _nodes.PatchStatusAsync(null, node.Name, new V1Patch(status, V1Patch.PatchType.StrategicMergePatch), cancellationToken)
            .ConfigureAwait(false);
        return updated.Metadata.Uid;
    }

    private DateTime Now() => ApiTime.Now(_options.Time);
}
