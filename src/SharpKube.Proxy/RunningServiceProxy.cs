using SharpKube.Proxy.Health;
using SharpKube.Proxy.Metrics;
using SharpKube.Proxy.Sync;

namespace SharpKube.Proxy;

/// <summary>A started <see cref="ServiceProxy"/>; dispose to stop it (its rules stay, as upstream's do).</summary>
public sealed class RunningServiceProxy : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;
    private readonly IAsyncDisposable[] _servers;

    internal RunningServiceProxy(CancellationTokenSource stop, Task running, ProxySyncLoop loop, ProxyMetrics metrics,
        SmallHttpServer? metricsServer, SmallHttpServer? healthServer, IAsyncDisposable[] servers)
    {
        _stop = stop;
        _running = running;
        Loop = loop;
        Metrics = metrics;
        MetricsServer = metricsServer;
        HealthServer = healthServer;
        _servers = servers;
    }

    /// <summary>The sync loop: what was last applied, whether it is healthy.</summary>
    public ProxySyncLoop Loop { get; }

    /// <summary>The proxy's metrics.</summary>
    public ProxyMetrics Metrics { get; }

    /// <summary>The <c>/metrics</c> server, when on.</summary>
    public SmallHttpServer? MetricsServer { get; }

    /// <summary>The <c>/healthz</c> and <c>/livez</c> server, when on.</summary>
    public SmallHttpServer? HealthServer { get; }

    /// <summary>Completes when the proxy stops (with its failure, if it failed).</summary>
    public Task Completion => _running;

    /// <summary>Stops syncing and serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
