using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Discovery;
using SharpKube.ApiMachinery.OpenApi;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Bootstrap;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Lifecycle;
using SharpKube.ApiServer.Metrics;
using SharpKube.ApiServer.NodeJoin;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.PodLogs;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.ServiceAccounts;
using SharpKube.ApiServer.Streaming;
using SharpKube.ApiServer.WatchCache;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Hosting;

/// <summary>
/// Starts the API server: opens the datastore, loads or creates the PKI, fills the watch cache, serves
/// HTTPS (HTTP/1.1 and HTTP/2) and creates the bootstrap objects. Used by <c>sharpkube apiserver</c>,
/// <c>sharpkube server</c> and the integration tests alike.
/// </summary>
public static class ApiServerHost
{
    /// <summary>Starts the server and returns once it is ready to serve.</summary>
    public static async Task<RunningApiServer> StartAsync(ApiServerOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("apiserver");
        var cidr = ServiceCidr.Parse(options.ServiceCidr);
        Directory.CreateDirectory(options.DataDir);
        var pki = ClusterPki.LoadOrCreate(Path.Combine(options.DataDir, "pki"),
            new PkiOptions { ClusterDomain = options.ClusterDomain, ServiceClusterIp = cidr.FirstAddress }, options.Time);
        var kv = await Datastore.OpenAsync(new DatastoreOptions
        {
            Driver = options.Datastore,
            DataDir = options.DataDir,
            EtcdEndpoints = options.EtcdEndpoints,
            EtcdKeyPrefix = options.EtcdKeyPrefix ?? "",
            TimeProvider = options.Time,
            LoggerFactory = loggerFactory,
        }, cancellationToken).ConfigureAwait(false);
        WebApplication? app = null;
        ClusterWatchCache? watchCache = null;
        try
        {
            watchCache = new ClusterWatchCache(kv, options.Time, loggerFactory.CreateLogger("watch-cache"), options.Settings.WatchHistoryRetention);
            ResourceCatalog? wired = null;
            var cachedWatch = watchCache;
            var priorityClasses = PriorityClassLister.FromCache(() => wired?.Find("scheduling.k8s.io", "v1", "priorityclasses")?.Store.Cache, cachedWatch);
            var catalog = ResourceWiring.Build(ResourceRegistry.BuiltIn, kv, watchCache, cidr, MutatingAdmission(options, priorityClasses), options.Time);
            wired = catalog;
            await watchCache.StartAsync(cancellationToken).ConfigureAwait(false);
            var ready = false;
            app = BuildApp(options, pki, catalog, kv, watchCache, loggerFactory, () => ready);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var port = BoundPort(app);
            var advertise = ClusterBootstrap.AdvertiseAddress(options.BindAddress);
            await new ClusterBootstrap(catalog, logger).RunAsync(cidr.FirstAddress, advertise, port, cancellationToken).ConfigureAwait(false);
            var url = new Uri($"https://127.0.0.1:{port}");
            var kubeconfigPath = WriteKubeconfigs(options, pki, url);
            var namespaceFinalizer = options.FinalizeNamespaces
                ? new NamespaceFinalizer(catalog, options.Time, loggerFactory.CreateLogger("namespace-finalizer"))
                : null;
            namespaceFinalizer?.Start();
            var compactor = new StorageCompactor(kv, options.Settings.CompactionInterval, options.Time, loggerFactory.CreateLogger("compactor"));
            compactor.Start();
            ready = true;
            var started = app;
            var cache = watchCache;
            return new RunningApiServer(url, kubeconfigPath, pki, kv, async () =>
            {
                if (namespaceFinalizer is not null)
                {
                    await namespaceFinalizer.DisposeAsync().ConfigureAwait(false);
                }
                await compactor.DisposeAsync().ConfigureAwait(false);
                await started.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await started.DisposeAsync().ConfigureAwait(false);
                await cache.DisposeAsync().ConfigureAwait(false);
                await kv.DisposeAsync().ConfigureAwait(false);
            });
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
            if (watchCache is not null)
            {
                await watchCache.DisposeAsync().ConfigureAwait(false);
            }
            await kv.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The mutating admission plugins, in upstream's order of those on by default that SharpKube has.</summary>
    private static IReadOnlyList<IMutatingAdmission> MutatingAdmission(ApiServerOptions options, PriorityClassLister priorityClasses) =>
    [
        new Priority(priorityClasses),
        new DefaultTolerationSeconds(options.DefaultNotReadyTolerationSeconds, options.DefaultUnreachableTolerationSeconds),
    ];

    private static WebApplication BuildApp(ApiServerOptions options, ClusterPki pki, ResourceCatalog catalog, IKeyValueStore kv,
        ClusterWatchCache watchCache, ILoggerFactory loggerFactory, Func<bool> ready)
    {
        // The content root is the data directory and configuration is never reloaded, so the host watches no
        // files (by default it would watch the working directory recursively).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.DataDir,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https => ApiServerHttps.Configure(https, pki));
            });
        });
        var app = builder.Build();
        var time = options.Time;
        var metrics = new ApiServerMetrics();
        var reads = new ReadHandler(kv, watchCache, options.Settings, time);
        var writes = new WriteHandler(time, reads);
        var serviceAccountKey = ServiceAccountSigningKey.LoadOrCreate(pki.Directory);
        app.Lifetime.ApplicationStopped.Register(serviceAccountKey.Dispose);
        var issuer = new ServiceAccountIssuer(options.ServiceAccountIssuer ?? $"https://kubernetes.default.svc.{options.ClusterDomain}",
            options.ApiAudiences, serviceAccountKey);
        var tokens = new UnionTokenAuthenticator(BuildTokenAuthenticator(options),
            new ServiceAccountTokenAuthenticator(issuer, new WatchCacheObjectLookup(catalog).Find, time));
        var issuerDiscovery = new ServiceAccountIssuerDiscovery(issuer);
        var podLogs = new PodLogProxy(catalog, new KubeletLogClient(pki.ApiServerKubeletClient));
        app.Lifetime.ApplicationStopped.Register(podLogs.Dispose);
        var podStreams = new PodStreamProxy(catalog, new KubeletConnector(pki.ApiServerKubeletClient), loggerFactory.CreateLogger("apiserver.streaming"));
        app.Lifetime.ApplicationStopped.Register(podStreams.Dispose);
        var api = new ApiRequestHandler(catalog, new DiscoveryHandler(new DiscoveryDocuments(catalog.Registry)), reads, writes,
            new SubresourceHandler(reads, writes, time, podLogs, podStreams)
            {
                TokenRequests = new TokenRequestHandler(catalog, issuer, time, loggerFactory.CreateLogger("apiserver.token-request")),
            },
            new VirtualResourceHandler(catalog, tokens, time),
            loggerFactory.CreateLogger("apiserver.requests"));
        var nonResource = new NonResourceHandler(new OpenApiV3Documents(catalog.Registry, PatchMetadataExtensions.Instance), metrics, ready,
            new NodeJoinHandler(pki, loggerFactory.CreateLogger("apiserver.node-join")));
        var authenticator = new RequestAuthenticator(tokens);
        app.Run(async context =>
        {
            var started = Stopwatch.GetTimestamp();
            var info = new RequestInfo();
            context.Features.Set(info);
            try
            {
                var user = authenticator.Authenticate(context);
                if (user is not null)
                {
                    context.Features.Set(user);
                }
                else if (!NonResourceHandler.IsPublic(context.Request.Path))
                {
                    await StatusResponse.WriteAsync(context.Response, ApiMachinery.Errors.StatusErrors.Unauthorized()).ConfigureAwait(false);
                    return;
                }
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/apis"))
                {
                    await api.HandleAsync(context).ConfigureAwait(false);
                }
                else if (!await issuerDiscovery.TryHandleAsync(context).ConfigureAwait(false)
                    && !await nonResource.TryHandleAsync(context).ConfigureAwait(false))
                {
                    await StatusResponse.WriteAsync(context.Response, DiscoveryHandler.NotFound()).ConfigureAwait(false);
                }
            }
            finally
            {
                metrics.Record(context, context.Features.Get<RequestInfo>() ?? info, Stopwatch.GetElapsedTime(started));
            }
        });
        return app;
    }

    private static StaticTokenAuthenticator BuildTokenAuthenticator(ApiServerOptions options)
    {
        var tokens = new StaticTokenAuthenticator();
        if (!string.IsNullOrEmpty(options.Token))
        {
            tokens.Add(options.Token, "system:admin", null, [SystemGroups.Masters]);
        }
        if (!string.IsNullOrEmpty(options.TokenAuthFile))
        {
            tokens.AddFile(options.TokenAuthFile);
        }
        return tokens;
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal)
            .Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    private static string WriteKubeconfigs(ApiServerOptions options, ClusterPki pki, Uri url)
    {
        var admin = KubeconfigFile.ForClientCertificate(url, pki.CaCertificatePem, pki.Admin);
        var path = Path.Combine(options.DataDir, "admin.kubeconfig");
        admin.WriteTo(path);
        if (!string.IsNullOrEmpty(options.WriteKubeconfig))
        {
            admin.WriteTo(options.WriteKubeconfig);
        }
        return path;
    }

}
