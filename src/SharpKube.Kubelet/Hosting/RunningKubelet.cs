using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Cgroups;
using SharpKube.Kubelet.Cni;
using SharpKube.Kubelet.Containerd;
using SharpKube.Kubelet.Images;
using SharpKube.Kubelet.Lifecycle;
using SharpKube.Kubelet.Logs;
using SharpKube.Kubelet.Node;
using SharpKube.Kubelet.Pleg;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Probes;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Stats;
using SharpKube.Kubelet.Status;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Hosting;

/// <summary>
/// A running kubelet: its container runtime (a managed containerd unless an endpoint was given), its Node, Lease and
/// node status, the pods bound to it (one informer, one worker per pod at a time), the runtime relist, and the
/// housekeeping that removes what belongs to pods that are gone. Start one with <see cref="StartAsync"/>; disposing
/// stops the kubelet and its managed containerd but leaves the containers running, so a restarted kubelet adopts them.
/// </summary>
public sealed class RunningKubelet : IAsyncDisposable
{
    /// <summary>
    /// How many pods sync at once. Upstream runs a goroutine per pod; a sync mostly waits on CRI calls (a sandbox takes a
    /// second or more), so pods started together must not queue behind a few workers. More than this only slows
    /// containerd down on a small machine: with 64, a 30-pod batch took 16.7 s instead of 14 s (docs/benchmarks.md).
    /// </summary>
    private const int PodWorkerCount = 16;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ManagedContainerd? _containerd;
    private readonly CriClient _cri;
    private readonly ILogger _logger;
    private ContainerReadiness? _readiness;
    private KubeletServer? _server;
    private int _disposed;

    private RunningKubelet(ManagedContainerd? containerd, CriClient cri, ILogger logger)
    {
        _containerd = containerd;
        _cri = cri;
        _logger = logger;
    }

    /// <summary>The CRI client of the kubelet's runtime.</summary>
    public CriClient Runtime => _cri;

    /// <summary>The managed containerd, or null when the kubelet uses a given endpoint.</summary>
    public ManagedContainerd? ManagedContainerd => _containerd;

    /// <summary>The Node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>The node's InternalIP.</summary>
    public required string NodeIp { get; init; }

    /// <summary>The kubelet's metrics (served at <c>/metrics</c>): the CRI call histogram.</summary>
    public required Prometheus.CollectorRegistry Metrics { get; init; }

    /// <summary>The kubelet's account of each pod's start (served at <c>/debug/pods/startup</c>).</summary>
    public required PodStartupLog StartupLog { get; init; }

    /// <summary>Starts a kubelet talking to the API server through <paramref name="client"/> (which stays the caller's).</summary>
    public static async Task<RunningKubelet> StartAsync(Kubernetes client, KubeletOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("kubelet");
        Directory.CreateDirectory(options.AgentDir);
        ManagedContainerd? containerd = null;
        string endpoint;
        if (options.ContainerRuntimeEndpoint is { } given)
        {
            endpoint = given;
        }
        else
        {
            containerd = await Containerd.ManagedContainerd.StartAsync(new ManagedContainerdOptions { AgentDir = options.AgentDir },
                loggers.CreateLogger("containerd"), cancellationToken).ConfigureAwait(false);
            endpoint = containerd.Endpoint;
        }
        // The kubelet's own registry, so that several kubelets in one process keep their metrics apart.
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        var startupLog = new PodStartupLog(options.Time);
        var cri = CriClient.Connect(endpoint, options.Time, new CriCallTimer(metrics, startupLog.AddCriTime, options.Time));
        var version = await cri.WaitUntilServingAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var runtimeVersion = $"{version.RuntimeName}://{version.RuntimeVersion}";
        logger.LogInformation("Container runtime {Runtime} (CRI {Api}) at {Endpoint}", runtimeVersion, version.RuntimeApiVersion, endpoint);
        await ImportImagesAsync(options, containerd, logger, cancellationToken).ConfigureAwait(false);

        var machine = MachineInfo.Read(options.AgentDir);
        var nodeIp = options.NodeIp ?? NodeAddress.Detect().ToString();
        var node = new KubeletNode(options, machine, nodeIp);
        var kubelet = new RunningKubelet(containerd, cri, logger) { NodeName = options.NodeName, NodeIp = nodeIp, Metrics = metrics, StartupLog = startupLog };
        try
        {
            await kubelet.StartLoopsAsync(client, options, node, runtimeVersion, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await kubelet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return kubelet;
    }

    private async Task StartLoopsAsync(Kubernetes client, KubeletOptions options, KubeletNode node, string runtimeVersion, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var stop = _stop.Token;
        var time = options.Time;
        var nodes = new ResourceClient<V1Node>(client);
        var problem = await RuntimeReadiness.ProblemAsync(_cri.Runtime, cancellationToken).ConfigureAwait(false);
        var registered = await NodeRegistration.RegisterAsync(nodes, node.Build(DateTime.UtcNow, runtimeVersion, problem), _logger, time, cancellationToken)
            .ConfigureAwait(false);

        var events = new EventRecorder(client, new EventRecorderOptions { Component = "kubelet", Host = options.NodeName },
            loggers.CreateLogger("kubelet.events"));
        _loops.Add(events.RunAsync(stop));
        var leases = new NodeLeaseKeeper(new ResourceClient<V1Lease>(client), options.NodeName, registered.Metadata.Uid, options.LeaseRenewInterval,
            options.LeaseDuration, time, loggers.CreateLogger("kubelet.lease"));
        _loops.Add(leases.RunAsync(stop));
        var cniConfDir = _containerd?.CniConfDir ?? Path.Combine(options.AgentDir, "cni", "net.d");
        var statusUpdater = new NodeStatusUpdater(nodes, node, options.NodeName, _cri.Runtime, _cri.Images, runtimeVersion,
            async (cidr, ct) =>
            {
                await PodEgressMasquerade.ApplyAsync(cidr, options.CniBridge, ct).ConfigureAwait(false);
                await CniConfig.WriteAsync(cniConfDir, new CniNetworkOptions(cidr, options.AgentDir) { BridgeName = options.CniBridge }, ct)
                    .ConfigureAwait(false);
            },
            options.NodeStatusUpdateInterval, options.NodeStatusReportInterval, time, loggers.CreateLogger("kubelet.node-status"));
        _loops.Add(statusUpdater.RunAsync(stop));

        var podClient = new ResourceClient<V1Pod>(client);
        var podInformer = new SharedInformer<V1Pod>(new ListWatch<V1Pod>(podClient, null, null, "spec.nodeName=" + options.NodeName),
            new SharedInformerOptions { Time = time }, loggers.CreateLogger("kubelet.informer.pods"));
        var services = new SharedInformer<V1Service>(new ListWatch<V1Service>(new ResourceClient<V1Service>(client)),
            new SharedInformerOptions { Time = time }, loggers.CreateLogger("kubelet.informer.services"));
        var podsByUid = new ConcurrentDictionary<string, V1Pod>(StringComparer.Ordinal);
        var objects = new ReferencedObjects(
            (ns, name, ct) => new ResourceClient<V1ConfigMap>(client).GetAsync(ns, name, ct),
            (ns, name, ct) => new ResourceClient<V1Secret>(client).GetAsync(ns, name, ct));
        var reader = new RuntimePodReader(_cri.Runtime);
        var backoff = new RestartBackoff(time);
        var killer = new PodKiller(_cri.Runtime, events, loggers.CreateLogger("kubelet.pods"));
        var hooks = new PodLifecycleHooks(_cri.Runtime, new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, events, loggers.CreateLogger("kubelet.hooks"));
        var tokens = new ServiceAccountTokenManager((ns, name, request, ct) => client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, name, ns, cancellationToken: ct), time);
        var volumes = new PodVolumes(options.PodsDir, objects, node.Allocatable(), tokens.GetTokenAsync, loggers.CreateLogger("kubelet.volumes"), time);
        var configs = new PodRuntimeConfig(options, node, objects, services.Indexer);
        var cgroups = new PodCgroups(PodCgroups.DefaultRoot, loggers.CreateLogger("kubelet.cgroups"));
        var runner = new PodRunner(_cri.Runtime, new ImagePuller(_cri.Images, events), configs, killer, hooks, cgroups, node.NodeIp, backoff, events,
            loggers.CreateLogger("kubelet.pods"));
        PodWorkers? workers = null;
#pragma warning disable CA2000 // Disposed with the kubelet (_readiness).
        var readiness = new ContainerReadiness(_cri.Runtime, ProbeHttpClient.Create(), events, uid => workers?.Enqueue(uid), time, loggers.CreateLogger("kubelet.probes"));
#pragma warning restore CA2000
        _readiness = readiness;
        var statusWriter = new PodStatusWriter(podClient);
        var syncer = new PodSyncer(uid => podsByUid.GetValueOrDefault(uid), reader, runner, killer, volumes, cgroups, statusWriter, podClient,
            backoff, readiness, hooks, events, node.NodeIp, options.PodLogsDir, options.PodResyncInterval, time, loggers.CreateLogger("kubelet.sync"), StartupLog);
        workers = new PodWorkers(syncer.SyncAsync, PodWorkerCount, time, loggers.CreateLogger("kubelet.workers"));
        podInformer.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            // Mirror pods are the API's copies of static pods: the kubelet runs the static pod, not them.
            OnAdd = pod =>
            {
                StartupLog.Seen(pod);
                Track(podsByUid, pod, workers);
            },
            OnUpdate = (_, pod) => Track(podsByUid, pod, workers),
            OnDelete = pod =>
            {
                if (!StaticPods.IsMirror(pod))
                {
                    podsByUid.TryRemove(pod.Metadata.Uid, out _);
                    workers.Enqueue(pod.Metadata.Uid);
                }
            },
        });
        _loops.Add(services.RunAsync(stop));
        _loops.Add(podInformer.RunAsync(stop));
        await podInformer.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        await services.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        _loops.Add(workers.RunAsync(stop));
        var relist = new RuntimeRelist(reader, workers.Enqueue, options.RelistInterval, time, loggers.CreateLogger("kubelet.pleg"));
        _loops.Add(relist.RunAsync(stop));
        var stats = new SummaryProvider(_cri.Runtime, _cri.Images, new SummaryProviderOptions
        {
            NodeName = options.NodeName,
            RootDirectory = options.AgentDir,
            ImageFsDirectory = _containerd?.Config.RootDir,
            PodLogsDirectory = options.PodLogsDir,
            PodsDirectory = options.PodsDir,
            Time = time,
        });
        _loops.Add(stats.RunAsync(stop));
        if (options.ClientCaCertificate is { } clientCa)
        {
            var locator = new ContainerLogLocator(() => podsByUid.Values, reader, relist.IsRunning);
            _server = await KubeletServer.StartAsync(new KubeletServerOptions
            {
                BindAddress = IPAddress.Any,
                Port = options.Port,
                ServingCertificate = options.ServingCertificate ?? ServingCertificate.SelfSigned(options.NodeName, [IPAddress.Parse(node.NodeIp)]),
                ClientCertificateAuthority = clientCa,
                Pods = () => [.. podsByUid.Values],
                ContainerLogs = locator.LocateAsync,
                Runtime = _cri.Runtime,
                Metrics = Metrics,
                PodStartup = StartupLog,
                Stats = stats,
                Time = time,
                LoggerFactory = loggers,
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Kubelet server listening on port {Port}", _server.Port);
        }
        else
        {
            _logger.LogWarning("No client CA: the kubelet's HTTPS server (logs) is not started");
        }
        _loops.Add(new PodHousekeeping(volumes, cgroups, uid => podsByUid.ContainsKey(uid), workers.Enqueue, time).RunAsync(stop));
        var mirrors = new MirrorPods(podClient, options.NodeName, registered.Metadata.Uid, uid =>
        {
            statusWriter.Forget(uid);
            workers.Enqueue(uid);
        }, loggers.CreateLogger("kubelet.static-pods"));
        _loops.Add(new StaticPodSync(new StaticPods(options.StaticPodsDir, options.NodeName, loggers.CreateLogger("kubelet.static-pods")), mirrors,
            podInformer.Indexer, podsByUid, workers.Enqueue, options.StaticPodsInterval, time, loggers.CreateLogger("kubelet.static-pods")).RunAsync(stop));
        var rotation = ContainerLogRotation.ForRuntime(new ContainerLogRotationOptions(), _cri.Runtime, time, loggers.CreateLogger("kubelet.logs"));
        _loops.Add(new ContainerLogRotationLoop(rotation, _cri.Runtime, time, loggers.CreateLogger("kubelet.logs")).RunAsync(stop));
        _logger.LogInformation("Kubelet on node {Node} ({Ip}) is running", options.NodeName, node.NodeIp);
    }

    private static void Track(ConcurrentDictionary<string, V1Pod> podsByUid, V1Pod pod, PodWorkers workers)
    {
        if (StaticPods.IsMirror(pod))
        {
            return;
        }
        podsByUid[pod.Metadata.Uid] = pod;
        workers.Enqueue(pod.Metadata.Uid);
    }

    private static async Task ImportImagesAsync(KubeletOptions options, ManagedContainerd? containerd, ILogger logger, CancellationToken cancellationToken)
    {
        if (containerd is null)
        {
            return;
        }
        var importer = new ImageImporter(containerd.SocketPath, logger);
        await importer.ImportPauseImageAsync(cancellationToken).ConfigureAwait(false);
        foreach (var directory in options.ImageDirs.Append(options.ImagesDir))
        {
            await importer.ImportDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            _logger.LogWarning("Kubelet loops did not stop in time: {Error}", e.Message);
        }
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        if (_readiness is not null)
        {
            await _readiness.DisposeAsync().ConfigureAwait(false);
        }
        _cri.Dispose();
        if (_containerd is not null)
        {
            await _containerd.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
