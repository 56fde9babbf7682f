using Microsoft.Extensions.Logging;
using SharpKube.Client.Discovery;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// The garbage collector (<c>garbagecollector</c>): deletes objects whose owners are all gone, carries out
/// foreground deletion (dependents first) and orphaning, as upstream's. A dependency graph built from metadata
/// informers over every deletable resource says what to look at; workers decide from live reads only.
/// </summary>
public sealed class GarbageCollector : IController
{
    /// <summary>How often discovery is read again for new or removed resources (upstream: 30 s).</summary>
    public static readonly TimeSpan ResourceResyncPeriod = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the informers' first lists before working with a partial graph.</summary>
    public static readonly TimeSpan CacheSyncTimeout = TimeSpan.FromSeconds(30);

    private readonly ControllerContext _context;
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<string> _attemptToDelete;
    private readonly RateLimitingQueue<string> _attemptToOrphan;
    private readonly DependencyGraph _graph;
    private readonly ResourceMonitors _monitors;
    private readonly AttemptToDeleteSync _deleteSync;
    private readonly AttemptToOrphanSync _orphanSync;

    /// <summary>Builds the collector; it discovers and follows resources when it runs.</summary>
    public GarbageCollector(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger("controller.garbagecollector");
        _attemptToDelete = new RateLimitingQueue<string>(DefaultControllerRateLimiter.Create<string>(context.Time), context.Time);
        _attemptToOrphan = new RateLimitingQueue<string>(DefaultControllerRateLimiter.Create<string>(context.Time), context.Time);
        var absentOwners = new AbsentOwnerCache();
        var mapper = new ResourceMapper();
        var objects = new LiveObjects(context.Client, mapper);
        _graph = new DependencyGraph(_attemptToDelete, _attemptToOrphan, absentOwners, _logger);
        _monitors = new ResourceMonitors(new ApiDiscovery(context.Client), context.Informers, mapper, _graph, _logger);
        _deleteSync = new AttemptToDeleteSync(_graph, objects, new OwnerClassifier(objects, absentOwners), _attemptToDelete,
            context.EventRecorder("garbage-collector-controller"), _logger);
        _orphanSync = new AttemptToOrphanSync(_graph, objects, _logger);
    }

    /// <inheritdoc/>
    public string Name => "garbagecollector";

    /// <summary>The dependency graph (for tests and diagnostics).</summary>
    public DependencyGraph Graph => _graph;

    /// <inheritdoc/>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SyncMonitorsUntilDoneAsync(cancellationToken).ConfigureAwait(false);
        var graphLoop = _graph.RunAsync(cancellationToken);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(CacheSyncTimeout);
            if (!await _monitors.WaitForSyncAsync(timeout.Token).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                _logger.LogWarning("Not every resource's informer listed within {Timeout}; collecting garbage with a partial graph", CacheSyncTimeout);
            }
        }
        _logger.LogInformation("Garbage collector following {Count} resources", _monitors.Count);
        var workers = _context.Options.Workers;
        await Task.WhenAll(
            graphLoop,
            ControllerWorkers.RunAsync(_attemptToDelete, _deleteSync.SyncAsync, workers, _logger, cancellationToken),
            ControllerWorkers.RunAsync(_attemptToOrphan, _orphanSync.SyncAsync, workers, _logger, cancellationToken),
            ResyncMonitorsAsync(cancellationToken)).ConfigureAwait(false);
    }

    private async Task SyncMonitorsUntilDoneAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await _monitors.SyncAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Discovery failed; retrying in {Backoff}", backoff);
            }
            await Task.Delay(backoff, _context.Time, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, ResourceResyncPeriod.Ticks));
        }
    }

    private async Task ResyncMonitorsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ResourceResyncPeriod, _context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _monitors.SyncAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
                {
                    _logger.LogWarning(e, "Discovery failed; keeping the resources followed so far");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
