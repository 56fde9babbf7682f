using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Changes;
using SharpKube.Proxy.Health;
using SharpKube.Proxy.Metrics;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Node;

namespace SharpKube.Proxy.Sync;

/// <summary>
/// Runs the backend's syncs: one as soon as a change arrives (no sooner than <see cref="ProxyOptions.MinSyncPeriod"/>
/// after the previous start), with every change that arrived meanwhile coalesced into it; one every
/// <see cref="ProxyOptions.SyncPeriod"/> regardless; a full one every <see cref="ProxyOptions.FullSyncPeriod"/> and
/// after any failure. A failed sync is logged and retried with exponential backoff; the kernel keeps the previous rules.
/// </summary>
public sealed class ProxySyncLoop
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IProxyBackend _backend;
    private readonly ServiceChangeTracker _tracker;
    private readonly ProxyOptions _options;
    private readonly ProxyMetrics _metrics;
    private readonly NodeCommands _commands;
    private readonly IReadOnlyList<IPAddress> _nodeAddresses;
    private readonly ServiceHealthChecks? _healthChecks;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ProxyState? _applied;
    private long _lastSuccessTicks;

    /// <summary>A loop syncing <paramref name="tracker"/>'s state through <paramref name="backend"/>.</summary>
    public ProxySyncLoop(IProxyBackend backend, ServiceChangeTracker tracker, ProxyOptions options, ProxyMetrics metrics,
        IReadOnlyList<IPAddress> nodeAddresses, ServiceHealthChecks? healthChecks, ILogger logger)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _tracker = tracker ?? throw new ArgumentNullException(nameof(tracker));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _nodeAddresses = nodeAddresses ?? throw new ArgumentNullException(nameof(nodeAddresses));
        _healthChecks = healthChecks;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _commands = new NodeCommands(options.NetworkNamespace);
        _tracker.Changed += Request;
    }

    /// <summary>The state of the last successful sync, or null before the first.</summary>
    public ProxyState? Applied => Volatile.Read(ref _applied);

    /// <summary>When the last sync succeeded, or null before the first.</summary>
    public DateTimeOffset? LastSuccess
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Whether the proxy is keeping up (upstream's <c>/healthz</c>): a sync succeeded, and no change has waited
    /// unsynced for more than twice the sync period.
    /// </summary>
    public bool Healthy
    {
        get
        {
            var last = LastSuccess;
            return last is not null && (!_tracker.HasPendingChanges || _options.Time.GetUtcNow() - last.Value < 2 * _options.SyncPeriod);
        }
    }

    /// <summary>Asks for a sync soon.</summary>
    public void Request() => _wake.Writer.TryWrite(true);

    /// <summary>Syncs until cancelled, starting with a full sync at once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var needFull = true;
        var lastFull = DateTimeOffset.MinValue;
        var lastStart = DateTimeOffset.MinValue;
        var failures = 0;
        Request();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await WaitForCueAsync(cancellationToken).ConfigureAwait(false);
                var earliest = lastStart + _options.MinSyncPeriod;
                var now = time.GetUtcNow();
                if (lastStart != DateTimeOffset.MinValue && now < earliest)
                {
                    await Task.Delay(earliest - now, time, cancellationToken).ConfigureAwait(false);
                }
                _wake.Reader.TryRead(out _);
                lastStart = time.GetUtcNow();
                var full = needFull || lastStart - lastFull >= _options.FullSyncPeriod;
                var changes = _tracker.Take(full, _nodeAddresses);
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    await _backend.SyncAsync(changes.State, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    needFull = true;
                    _tracker.Requeue(changes);
                    if (e is NodeCommandException)
                    {
                        _metrics.RestoreFailed();
                    }
                    var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 10))));
                    _logger.LogError("Sync of {Services} service ports failed (attempt {Failures}); the previous rules stay; retrying in {Backoff}: {Error}",
                        changes.State.Services.Count, failures, backoff, e.Message);
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                    Request();
                    continue;
                }
                var done = time.GetUtcNow();
                _metrics.SyncDone(stopwatch.Elapsed.TotalSeconds, done);
                _metrics.ChangesSeen(_tracker.ServiceChanges, _tracker.EndpointChanges);
                foreach (var trigger in changes.Triggers)
                {
                    _metrics.Programmed(trigger, done);
                }
                if (full)
                {
                    lastFull = lastStart;
                }
                needFull = false;
                failures = 0;
                await ClearStaleFlowsAsync(changes.State, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _applied, changes.State);
                Interlocked.Exchange(ref _lastSuccessTicks, done.UtcTicks);
                if (_healthChecks is not null)
                {
                    await _healthChecks.UpdateAsync(changes.State).ConfigureAwait(false);
                }
                _logger.LogDebug("Synced {Services} service ports ({Kind}) in {Milliseconds:F1} ms",
                    changes.State.Services.Count, full ? "full" : "partial", stopwatch.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop; the rules stay in place, as upstream's do.
        }
        finally
        {
            _tracker.Changed -= Request;
        }
    }

    private async Task ClearStaleFlowsAsync(ProxyState state, CancellationToken cancellationToken)
    {
        try
        {
            await StaleUdpFlows.ClearAsync(_commands, _applied, state, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeCommandException e)
        {
            _logger.LogWarning("Could not clear stale UDP conntrack entries: {Error}", e.Message);
        }
    }

    private async Task WaitForCueAsync(CancellationToken cancellationToken)
    {
        using var period = new CancellationTokenSource(_options.SyncPeriod, _options.Time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, period.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sync period passed without a change: sync anyway.
        }
    }
}
