using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.LeaderElection;
using SharpKube.Client.Resources;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Metrics;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Queue;
using SharpKube.Scheduler.Scheduling;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// Runs the scheduler: with leader election over the <c>kube-system/kube-scheduler</c> Lease (only the leader
/// schedules), or directly. It follows nodes and pods with informers (pods without the finished ones, as upstream),
/// and schedules once both have synced.
/// </summary>
public static class KubeScheduler
{
    /// <summary>The Lease leader election uses.</summary>
    public const string LeaseName = "kube-scheduler";

    /// <summary>Excludes finished pods from the pod informer: they hold nothing on their nodes.</summary>
    public const string PodFieldSelector = "status.phase!=Succeeded,status.phase!=Failed";

    /// <summary>Runs until cancelled, or until this instance loses leadership (then, as upstream, the caller should exit).</summary>
    public static async Task RunAsync(Kubernetes client, SchedulerOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(KubeScheduler));
        if (!options.LeaderElect)
        {
            await RunSchedulerAsync(client, options, loggerFactory, cancellationToken).ConfigureAwait(false);
            return;
        }
        var elector = new LeaderElector(client, new LeaderElectorOptions
        {
            LeaseName = options.LeaseName,
            LeaseNamespace = options.LeaseNamespace,
            Identity = options.Identity,
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
            ReleaseOnCancel = options.ReleaseOnCancel,
            Time = options.Time,
            OnStartedLeading = leading => RunSchedulerAsync(client, options, loggerFactory, leading),
            OnStoppedLeading = () => logger.LogWarning("Leadership of {Lease} lost by {Identity}", options.LeaseName, options.Identity),
        }, loggerFactory.CreateLogger<LeaderElector>());
        await elector.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the scheduler, starts its informers, and schedules until cancelled.</summary>
    public static async Task RunSchedulerAsync(Kubernetes client, SchedulerOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(KubeScheduler));
        var time = options.Time;
        var registry = options.Registry ?? InTreePlugins.CreateRegistry();
        var profiles = options.Profiles ?? [DefaultProfile.Create(registry)];
        var snapshot = new Snapshot();
        // Built first: plugins that follow more than nodes and pods (PodTopologySpread, VolumeBinding) ask it for their informers.
        var informers = new SharedInformerFactory(client, new SharedInformerOptions { Time = time }, loggerFactory);
        var parallelizer = new Parallelizer(options.Parallelism);
        var recorders = new List<EventRecorder>();
        var nominator = new PodNominator();
        var disruptionBudgets = informers.Informer<V1PodDisruptionBudget>();
        var frameworks = new Dictionary<string, SchedulingFramework>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            // Events name the profile's scheduler as their source, as upstream's recorder per profile does.
            var recorder = new EventRecorder(client, new EventRecorderOptions
            {
                Component = profile.SchedulerName,
                ReportingInstance = profile.SchedulerName + "-" + Environment.MachineName,
                Time = time,
            }, loggerFactory.CreateLogger<EventRecorder>());
            recorders.Add(recorder);
            var handle = new FrameworkHandle(client, snapshot, recorder, parallelizer, time, loggerFactory)
            {
                Informers = informers,
                Nominator = nominator,
                PodDisruptionBudgets = disruptionBudgets.Indexer.List,
            };
            frameworks.Add(profile.SchedulerName, FrameworkBuilder.Build(profile, registry, handle));
        }
        var queueSort = frameworks.Values.First().QueueSort;
        if (frameworks.Values.Any(f => f.QueueSort.Name != queueSort.Name))
        {
            throw new InvalidOperationException("all profiles must use the same queue sort plugin");
        }
        var eventsByPlugin = frameworks.Values.SelectMany(f => f.EventsByPlugin)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ClusterEvent>)[.. g.SelectMany(e => e.Value).Distinct()], StringComparer.Ordinal);
        using var queue = new SchedulingQueue(queueSort, name => frameworks.GetValueOrDefault(name), eventsByPlugin, options.Queue, time,
            loggerFactory.CreateLogger<SchedulingQueue>(), nominator);
        var cache = new SchedulerCache(time, options.AssumedPodTtl, loggerFactory.CreateLogger<SchedulerCache>());
        var metrics = options.Metrics ?? new SchedulerMetrics();
        metrics.TrackPending(() => queue.Pending);

        // Nodes are cached without managedFields, which nothing here reads (as upstream's scheduler trims them), and pods
        // trimmed to what scheduling reads (CachedPodTrimming).
        var nodes = informers.InformerFor(() => new SharedInformer<V1Node>(
            TransformingListWatch.Create(new ResourceClient<V1Node>(client), null, null, TransformingListWatch.WithoutManagedFields),
            new SharedInformerOptions { Time = time }, loggerFactory.CreateLogger("informer.V1Node")));
        var pods = informers.InformerFor(() => new SharedInformer<V1Pod>(
            TransformingListWatch.Create(new ResourceClient<V1Pod>(client), null, PodFieldSelector, CachedPodTrimming.Trim),
            new SharedInformerOptions { Time = time }, loggerFactory.CreateLogger("informer.V1Pod")));
        var handlers = new SchedulerEventHandlers(cache, queue, frameworks, logger);
        using var nodeHandler = nodes.AddEventHandler(handlers.Nodes);
        using var podHandler = pods.AddEventHandler(handlers.Pods);
        var storageHandlers = StorageEventHandlers.Register(informers, queue, eventsByPlugin.Values.SelectMany(e => e));

        var conditions = new PodConditionUpdater(client, time, loggerFactory.CreateLogger<PodConditionUpdater>());
        var failures = new SchedulingFailureHandler(queue, (ns, name) => pods.Indexer.GetByKey(ns + "/" + name), conditions, metrics, time,
            loggerFactory.CreateLogger<SchedulingFailureHandler>());
        var binding = new BindingCycle(cache, queue, failures, metrics, time, loggerFactory.CreateLogger<BindingCycle>());
        var algorithm = new SchedulingAlgorithm(cache, snapshot, options.RandomSeed is { } seed ? new Random(seed) : new Random(),
            options.PercentageOfNodesToScore > 0 ? options.PercentageOfNodesToScore : null);
        var scheduler = new PodScheduler(queue, cache, algorithm, frameworks, failures, binding, time, loggerFactory.CreateLogger<PodScheduler>());

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var background = new List<Task> { informers.RunAsync(stopping.Token), queue.RunAsync(stopping.Token), cache.RunAsync(stopping.Token) };
        background.AddRange(recorders.Select(r => r.RunAsync(stopping.Token)));
        try
        {
            // The cache and queue are built from the handlers' notifications: wait until they have the first lists,
            // so the first cycle does not find an empty cluster (upstream's WaitForHandlersSync).
            if (!await informers.WaitForCacheSyncAsync(stopping.Token).ConfigureAwait(false)
                || !await nodeHandler.WaitForSyncAsync(stopping.Token).ConfigureAwait(false)
                || !await podHandler.WaitForSyncAsync(stopping.Token).ConfigureAwait(false))
            {
                return;
            }
            logger.LogInformation("Scheduler started: profiles {Profiles}; plugins {Plugins}", string.Join(",", frameworks.Keys),
                string.Join(",", registry.Names.Where(n => profiles.Any(p => p.MultiPoint.Enabled.Any(e => e.Name == n)))));
            await scheduler.RunAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            queue.Close();
            foreach (var registration in storageHandlers)
            {
                registration.Dispose();
            }
            try
            {
                await Task.WhenAll(background).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
