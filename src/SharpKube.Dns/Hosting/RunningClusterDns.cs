using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Dns.Caching;
using SharpKube.Dns.Forwarding;
using SharpKube.Dns.Metrics;
using SharpKube.Dns.Registration;
using SharpKube.Dns.Server;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Hosting;

/// <summary>
/// A started cluster DNS server: UDP and TCP listeners on every listen address, the zone kept by informers, the
/// HTTP endpoints, and (when asked) the kube-dns registration. Disposing stops all of it.
/// </summary>
public sealed class RunningClusterDns : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<UdpDnsListener> _udp;
    private readonly List<TcpDnsListener> _tcp;
    private readonly DnsHttpEndpoints? _http;
    private readonly Task _informers;
    private readonly Task _registration;
    private readonly ClusterZone _zone;

    private RunningClusterDns(CancellationTokenSource stop, List<UdpDnsListener> udp, List<TcpDnsListener> tcp, DnsHttpEndpoints? http,
        Task informers, Task registration, Task<bool> synced, ClusterZone zone, DnsMetrics metrics, IReadOnlyList<IPEndPoint> upstreams)
    {
        _stop = stop;
        _udp = udp;
        _tcp = tcp;
        _http = http;
        _informers = informers;
        _registration = registration;
        _zone = zone;
        Synced = synced;
        Metrics = metrics;
        Upstreams = upstreams;
    }

    /// <summary>The UDP endpoints DNS is served on.</summary>
    public IReadOnlyList<IPEndPoint> UdpEndPoints => [.. _udp.Select(u => u.LocalEndPoint)];

    /// <summary>The TCP endpoints DNS is served on.</summary>
    public IReadOnlyList<IPEndPoint> TcpEndPoints => [.. _tcp.Select(t => t.LocalEndPoint)];

    /// <summary>Where <c>/metrics</c> is served, if it is.</summary>
    public IPEndPoint? MetricsEndPoint => _http?.Metrics;

    /// <summary>Where <c>/health</c> is served, if it is.</summary>
    public IPEndPoint? HealthEndPoint => _http?.Health;

    /// <summary>Where <c>/ready</c> is served, if it is.</summary>
    public IPEndPoint? ReadyEndPoint => _http?.Ready;

    /// <summary>Completes with true once the Services, EndpointSlices and Namespaces have been listed.</summary>
    public Task<bool> Synced { get; }

    /// <summary>The server's metrics.</summary>
    public DnsMetrics Metrics { get; }

    /// <summary>The upstream resolvers names outside the zone go to.</summary>
    public IReadOnlyList<IPEndPoint> Upstreams { get; }

    /// <summary>How many Services and namespaces give names to the zone.</summary>
    internal int ZoneSources => _zone.SourceCount;

    /// <summary>
    /// Binds the listeners (UDP and TCP on <see cref="DnsOptions.Port"/>, or one free port shared by both when it is
    /// 0), starts following the API through <paramref name="client"/> and returns; queries for the zone are answered
    /// NXDOMAIN until <see cref="Synced"/>.
    /// </summary>
    public static async Task<RunningClusterDns> StartAsync(Kubernetes client, DnsOptions options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("dns");
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var udp = new List<UdpDnsListener>();
        var tcp = new List<TcpDnsListener>();
        try
        {
            var metrics = new DnsMetrics(port: options.Port);
            var cache = new ResponseCache(options.CacheSize);
            var zone = new ClusterZone(options.ClusterDomain, options.ReverseNetworks.Select(n => ReverseName.ZoneFor(n.BaseAddress, n.PrefixLength)),
                options.Ttl, cache);
            var upstreams = options.Upstreams ?? ResolvConf.Nameservers(options.ResolvConfPath);
            var port = options.Port;
            var handler = new DnsRequestHandler(zone, cache, metrics);
            foreach (var address in options.ListenAddresses)
            {
                var listener = new UdpDnsListener(new IPEndPoint(address, port), options.UdpWorkers, handler, logger);
                udp.Add(listener);
                port = listener.LocalEndPoint.Port;
                tcp.Add(new TcpDnsListener(new IPEndPoint(address, port), options.MaxTcpConnections, options.TcpIdleTimeout, handler, logger));
            }
            // Never forward to ourselves: a resolv.conf naming this server would loop every unknown name.
            if (options.Port == 0)
            {
                metrics.ServeOn(port);
            }
            upstreams = UpstreamSelection.WithoutSelf(upstreams, [.. udp.Select(l => l.LocalEndPoint)]);
            handler.UseForwarder(new Forwarder(upstreams, options.MaxForwardsInFlight, metrics, logger));
            var informers = new SharedInformerFactory(client, loggerFactory: loggers);
            _ = new ZoneWatcher(client, informers, zone, loggers);
            var running = Task.Run(() => informers.RunAsync(stop.Token), CancellationToken.None);
            var synced = informers.WaitForCacheSyncAsync(stop.Token);
            var isSynced = new StrongBox<bool>();
            _ = MarkWhenSyncedAsync(synced, isSynced);
            var http = await DnsHttpEndpoints.StartAsync(options, metrics.Registry, () => Volatile.Read(ref isSynced.Value),
                loggers, cancellationToken).ConfigureAwait(false);
            var registration = Task.CompletedTask;
            if (options.RegisterService)
            {
                var nodeName = options.NodeName ?? throw new ArgumentException("registering kube-dns needs the node name", nameof(options));
                var nodeIp = options.NodeIp ?? throw new ArgumentException("registering kube-dns needs the node IP", nameof(options));
                var kubeDns = new KubeDnsRegistration(client, nodeName, nodeIp, options.ClusterDnsIp, port, loggers.CreateLogger("dns.registration"));
                registration = Task.Run(() => kubeDns.RunAsync(stop.Token), CancellationToken.None);
            }
            logger.LogInformation("Cluster DNS for {Domain} on {Endpoints} (port {Port}), forwarding to {Upstreams}", zone.Domain,
                string.Join(", ", options.ListenAddresses), port, upstreams.Count == 0 ? "nobody" : string.Join(", ", upstreams));
            return new RunningClusterDns(stop, udp, tcp, http, running, registration, synced, zone, metrics, upstreams);
        }
        catch
        {
            foreach (var listener in udp)
            {
                listener.Dispose();
            }
            foreach (var listener in tcp)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
            await stop.CancelAsync().ConfigureAwait(false);
            stop.Dispose();
            throw;
        }
    }

    private static async Task MarkWhenSyncedAsync(Task<bool> synced, StrongBox<bool> flag)
    {
        try
        {
            Volatile.Write(ref flag.Value, await synced.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped before syncing.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _udp)
        {
            listener.Dispose();
        }
        foreach (var listener in _tcp)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        await _informers.ConfigureAwait(false);
        await _registration.ConfigureAwait(false);
        _stop.Dispose();
    }
}
