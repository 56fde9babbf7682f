using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Proxy.Changes;
using SharpKube.Proxy.Health;
using SharpKube.Proxy.Metrics;
using SharpKube.Proxy.Node;
using SharpKube.Proxy.Sync;

namespace SharpKube.Proxy;

/// <summary>
/// The service proxy (<c>sharpkube proxy</c>): follows Services and EndpointSlices and programs the node's packet
/// filter through the backend of <see cref="ProxyOptions.Mode"/>, so that cluster IPs, node ports, external IPs and
/// load-balancer IPs reach their endpoints. Serves <c>/metrics</c> and <c>/healthz</c>.
/// </summary>
public static class ServiceProxy
{
    /// <summary>Runs the proxy until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(Kubernetes client, ProxyOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using var proxy = await StartAsync(client, options, loggers, cancellationToken).ConfigureAwait(false);
        try
        {
            await proxy.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    /// <summary>
    /// Starts the proxy: sets the sysctls it needs, starts its informers and HTTP servers, and begins syncing once the
    /// informers have listed. Returns once it runs; dispose the result to stop.
    /// </summary>
    public static async Task<RunningServiceProxy> StartAsync(Kubernetes client, ProxyOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("proxy");
        var backend = ProxyBackends.Create(options, loggers);
        await NodeSysctls.ApplyAsync(new NodeCommands(options.NetworkNamespace), logger, cancellationToken).ConfigureAwait(false);
        // A node switching modes keeps no rules of the other one: they would still catch service traffic first.
        foreach (var other in Enum.GetValues<ProxyMode>().Where(m => m != options.Mode))
        {
            await ProxyBackends.Create(options with { Mode = other }, loggers).CleanupAsync(cancellationToken).ConfigureAwait(false);
        }
        var nodeAddresses = options.NodeAddresses is { Count: > 0 } given
            ? given
            : await NodeAddresses.DetectAsync(client, options.NodeName, logger, cancellationToken).ConfigureAwait(false);

        var metrics = new ProxyMetrics();
        var tracker = new ServiceChangeTracker(options.NodeName, options.Time);
        var informers = new SharedInformerFactory(client, loggerFactory: loggers);
        var services = informers.Informer<V1Service>();
        var slices = informers.Informer<V1EndpointSlice>();
        services.AddEventHandler(new ResourceEventHandler<V1Service>
        {
            OnAdd = tracker.OnService,
            OnUpdate = (_, service) => tracker.OnService(service),
            OnDelete = tracker.OnServiceDeleted,
        });
        slices.AddEventHandler(new ResourceEventHandler<V1EndpointSlice>
        {
            OnAdd = tracker.OnSlice,
            OnUpdate = (_, slice) => tracker.OnSlice(slice),
            OnDelete = tracker.OnSliceDeleted,
        });

        var healthChecks = options.ServeServiceHealthChecks ? new ServiceHealthChecks(IPAddress.Any, loggers.CreateLogger("proxy.healthcheck")) : null;
        var loop = new ProxySyncLoop(backend, tracker, options, metrics, nodeAddresses, healthChecks, loggers.CreateLogger("proxy.sync"));
        var metricsServer = StartServer(options.MetricsBindAddress, "--metrics-bind-address", path => MetricsReplyAsync(path, metrics));
        var healthServer = StartServer(options.HealthzBindAddress, "--healthz-bind-address", path => Task.FromResult(HealthReply(path, loop, options)));

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.Run(async () =>
        {
            var informersRunning = informers.RunAsync(stop.Token);
            try
            {
                if (await informers.WaitForCacheSyncAsync(stop.Token).ConfigureAwait(false))
                {
                    logger.LogInformation("Service proxy ({Mode}) on node {Node} syncing; node ports on {Addresses}", options.Mode, options.NodeName,
                        string.Join(", ", nodeAddresses));
                    await loop.RunAsync(stop.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await informersRunning.ConfigureAwait(false);
            }
        }, CancellationToken.None);
        var servers = new IAsyncDisposable?[] { metricsServer, healthServer, healthChecks }.OfType<IAsyncDisposable>().ToArray();
        return new RunningServiceProxy(stop, running, loop, metrics, metricsServer, healthServer, servers);
    }

    private static SmallHttpServer? StartServer(string? address, string flag, Func<string, Task<HttpReply>> handler)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }
        var endPoint = SmallHttpServer.ParseEndPoint(address) ?? throw new ArgumentException($"{flag}: \"{address}\" is not HOST:PORT");
        return SmallHttpServer.Start(endPoint, (path, _) => handler(path));
    }

    private static async Task<HttpReply> MetricsReplyAsync(string path, ProxyMetrics metrics)
    {
        if (path != "/metrics")
        {
            return HttpReply.Text(404, "404 page not found\n");
        }
        using var body = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(body).ConfigureAwait(false);
        return new HttpReply(200, "text/plain; version=0.0.4; charset=utf-8", body.ToArray());
    }

    /// <summary><c>/healthz</c> as upstream answers it: 200 while syncs keep up, else 503; <c>/livez</c> likewise.</summary>
    private static HttpReply HealthReply(string path, ProxySyncLoop loop, ProxyOptions options)
    {
        if (path is not ("/healthz" or "/livez"))
        {
            return HttpReply.Text(404, "404 page not found\n");
        }
        var last = loop.LastSuccess;
        var json = "{\"lastUpdated\":\"" + (last?.ToString("o", CultureInfo.InvariantCulture) ?? "") + "\",\"currentTime\":\""
            + options.Time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture) + "\",\"nodeHealthy\":true}";
        return HttpReply.Json(loop.Healthy ? 200 : 503, json);
    }
}
