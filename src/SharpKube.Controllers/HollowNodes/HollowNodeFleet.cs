using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// A fleet of hollow nodes (KWOK-style): simulated nodes that are real clients of the API server. It registers the
/// Nodes, renews their Leases, posts their status and moves the pods bound to them to Running — and removes them
/// when deleted — without running any container. One pod watch and one node watch serve the whole fleet. Start one
/// with <see cref="StartAsync"/> (tests of other components) or run one until cancelled with <see cref="RunAsync"/>.
/// </summary>
public sealed class HollowNodeFleet : IAsyncDisposable
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMinutes(1);

    private readonly HollowNodeOptions _options;
    private readonly FleetLayout _layout;
    private readonly ResourceClient<V1Node> _nodeClient;
    private readonly ResourceClient<V1Lease> _leaseClient;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly NodeRegistrar _registrar;
    private readonly NodeLeaseRenewer _leases;
    private readonly NodeStatusReporter _status;
    private readonly HollowPodLifecycle _lifecycle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _disposed;

    private HollowNodeFleet(Kubernetes client, HollowNodeOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _layout = new FleetLayout(options);
        _logger = loggers.CreateLogger("hollow-nodes");
        _nodeClient = new ResourceClient<V1Node>(client);
        _leaseClient = new ResourceClient<V1Lease>(client);
        _nodes = new SharedInformer<V1Node>(
            TransformingListWatch.Create(_nodeClient, HollowNodeOptions.HollowNodeLabel + "=true", null, n => InformerTransforms.Node(n, _layout)),
            new SharedInformerOptions { Time = options.Time }, loggers.CreateLogger("hollow-nodes.informer.nodes"));
        _pods = new SharedInformer<V1Pod>(
            TransformingListWatch.Create(new ResourceClient<V1Pod>(client), null, "spec.nodeName!=", p => InformerTransforms.Pod(p, _layout)),
            new SharedInformerOptions { Time = options.Time }, loggers.CreateLogger("hollow-nodes.informer.pods"));
        _leases = new NodeLeaseRenewer(_layout, options, _leaseClient, loggers.CreateLogger("hollow-nodes.leases"));
        _status = new NodeStatusReporter(_layout, options, _nodeClient, _nodes, loggers.CreateLogger("hollow-nodes.status"));
        _lifecycle = new HollowPodLifecycle(_layout, options, _pods, _nodes, new ResourceClient<V1Pod>(client), loggers.CreateLogger("hollow-nodes.pods"));
        _registrar = new NodeRegistrar(_layout, options, _nodeClient, _nodes.Indexer, node =>
        {
            _leases.Start(node);
            _status.Start(node);
        }, loggers.CreateLogger("hollow-nodes.registration"));
        _nodes.AddEventHandler(new ResourceEventHandler<V1Node> { OnDelete = MarkDeleted });
    }

    /// <summary>The names of the fleet's nodes, by index.</summary>
    public IReadOnlyList<string> NodeNames => [.. _layout.Nodes.Select(n => n.Name)];

    /// <summary>How many nodes are registered so far.</summary>
    public int RegisteredCount => _registrar.Count;

    /// <summary>How many Lease writes succeeded so far (creations and renewals).</summary>
    public long LeaseWrites => _leases.Renewals;

    /// <summary>How many pods the fleet reported Running so far.</summary>
    public long PodsStarted => _lifecycle.Started;

    /// <summary>How many deleted pods the fleet removed so far.</summary>
    public long PodsRemoved => _lifecycle.Removed;

    /// <summary>
    /// Starts a fleet: its node and pod caches are synced when this returns, and its nodes are being registered
    /// (<see cref="WaitForRegistrationAsync"/>). It runs until disposed. <paramref name="client"/> stays the caller's.
    /// </summary>
    /// <exception cref="FormatException">The options are not usable (see <see cref="HollowNodeOptionsValidator"/>).</exception>
    public static async Task<HollowNodeFleet> StartAsync(Kubernetes client, HollowNodeOptions options, ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        HollowNodeOptionsValidator.EnsureValid(options);
        var fleet = new HollowNodeFleet(client, options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await fleet.StartRunningAsync(cancellationToken).ConfigureAwait(false);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a fleet until <paramref name="cancellationToken"/> is cancelled, then stops it (see <see cref="DisposeAsync"/>).</summary>
    public static async Task RunAsync(Kubernetes client, HollowNodeOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        HollowNodeFleet fleet;
        try
        {
            fleet = await StartAsync(client, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        await using (fleet.ConfigureAwait(false))
        {
            await fleet.ReportProgressAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every node of the fleet has been registered (created or adopted).</summary>
    public Task WaitForRegistrationAsync(CancellationToken cancellationToken) => _registrar.AllRegistered.WaitAsync(cancellationToken);

    /// <summary>
    /// Stops the fleet: no more Lease renewals, status posts or pod changes. With
    /// <see cref="HollowNodeOptions.DeleteNodesOnExit"/> the Nodes and their Leases are deleted; otherwise they stay,
    /// and the node lifecycle controller sees their Leases expire as after a power cut.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        if (_options.DeleteNodesOnExit)
        {
            await DeleteNodesAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    private async Task StartRunningAsync(CancellationToken cancellationToken)
    {
        var token = _stop.Token;
        _logger.LogInformation("Starting {Count} hollow nodes ({First} … {Last}) over {Zones} zones, each {Cpu} CPU, {Memory} memory, {Pods} pods",
            _options.Count, _layout.Nodes[0].Name, _layout.Nodes[^1].Name, _options.Zones, _options.Cpu, _options.Memory, _options.Pods);
        var tasks = new List<Task>
        {
            Task.Run(() => _nodes.RunAsync(token), CancellationToken.None),
            Task.Run(() => _pods.RunAsync(token), CancellationToken.None),
        };
        _running = Task.WhenAll(tasks);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, token);
        // Registration waits for the node cache, so that the status reporter sees what registration wrote.
        if (!await _nodes.WaitForCacheSyncAsync(linked.Token).ConfigureAwait(false) || !await _pods.WaitForCacheSyncAsync(linked.Token).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("the hollow node fleet stopped while starting");
        }
        tasks.Add(Task.Run(() => _registrar.RunAsync(token), CancellationToken.None));
        tasks.Add(Task.Run(() => _leases.RunAsync(token), CancellationToken.None));
        tasks.Add(Task.Run(() => _status.RunAsync(token), CancellationToken.None));
        tasks.Add(Task.Run(() => _lifecycle.RunAsync(token), CancellationToken.None));
        _running = Task.WhenAll(tasks);
    }

    /// <summary>Logs one line a minute on what the fleet did, until cancelled.</summary>
    private async Task ReportProgressAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval, _options.Time);
        var leaseWrites = LeaseWrites;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = LeaseWrites;
                _logger.LogInformation("{Registered}/{Count} nodes registered; {LeaseRate:F1} Lease writes/s; {Started} pods started, {Removed} removed",
                    RegisteredCount, _options.Count, (now - leaseWrites) / ProgressInterval.TotalSeconds, PodsStarted, PodsRemoved);
                leaseWrites = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void MarkDeleted(V1Node deleted)
    {
        if (_layout.Find(deleted.Metadata.Name) is { } node && node.Uid is { } uid && uid == deleted.Metadata.Uid && !_stop.IsCancellationRequested)
        {
            node.Deleted = true;
            _logger.LogWarning("Node {Node} was deleted by someone else; like a kubelet, the fleet does not register it again", node.Name);
        }
    }

    private async Task DeleteNodesAsync()
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        var deleted = 0;
        try
        {
            await Parallel.ForEachAsync(_layout.Nodes.Where(n => n.Uid is not null && !n.Deleted),
            new ParallelOptions { MaxDegreeOfParallelism = _options.RegistrationParallelism, CancellationToken = timeout.Token },
            async (node, ct) =>
            {
                try
                {
                    await _nodeClient.DeleteAsync(null, node.Name, ct).ConfigureAwait(false);
                    await _leaseClient.DeleteAsync(NodeLeaseRenewer.LeaseNamespace, node.Name, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref deleted);
                }
                catch (Exception e) when (ApiErrors.IsNotFound(e))
                {
                    // Already gone (the garbage collector takes Leases of deleted Nodes too).
                }
                catch (Exception e) when (ApiErrors.StatusCodeOf(e) is not null || e is HttpRequestException)
                {
                    _logger.LogWarning("Could not delete node {Node}: {Message}", node.Name, e.Message);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Gave up deleting the hollow nodes after {Timeout}", CleanupTimeout);
        }
        _logger.LogInformation("Deleted {Count} hollow nodes and their Leases", deleted);
    }
}
