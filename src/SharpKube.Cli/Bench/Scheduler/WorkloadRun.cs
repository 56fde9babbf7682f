using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.Scheduler.Phases;
using SharpKube.Cli.Bench.Scheduler.Results;
using SharpKube.Cli.Bench.Scheduler.Target;
using SharpKube.Cli.Bench.Scheduler.Workload;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Cli.Bench.Scheduler;

/// <summary>
/// One workload on its own cluster: waits for the hollow nodes and the scheduler, creates and schedules the init pods,
/// then creates the measured pods from many clients while sampling how fast the scheduler binds them.
/// </summary>
internal sealed class WorkloadRun
{
    private static readonly TimeSpan SchedulerStartTimeout = TimeSpan.FromSeconds(120);

    private readonly SchedulerWorkload _workload;
    private readonly SchedulerBenchOptions _options;
    private readonly ChildProcessServer _server;
    private readonly HollowNodesProcess _nodes;
    private readonly TextWriter _progress;

    public WorkloadRun(SchedulerWorkload workload, SchedulerBenchOptions options, ChildProcessServer server, HollowNodesProcess nodes, TextWriter progress)
    {
        _workload = workload;
        _options = options;
        _server = server;
        _nodes = nodes;
        _progress = progress;
    }

    /// <summary>The phase running now, for error messages.</summary>
    public string Phase { get; private set; } = "setup";

    /// <summary>Runs the workload; <paramref name="schedulerKubeconfig"/> is the scheduler's identity.</summary>
    public async Task<WorkloadResult> RunAsync(long nodesStarted, string schedulerKubeconfig, string workingDirectory, CancellationToken cancellationToken)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath);
        var clients = new List<Kubernetes>();
        Kubernetes NewClient()
        {
            var client = new Kubernetes(config);
            clients.Add(client);
            return client;
        }

        SchedulerProcess? scheduler = null;
        try
        {
            var admin = NewClient();
            await StartPhaseAsync($"waiting for {Count(_workload.Nodes)} hollow nodes to register");
            await WaitForNodesAsync(admin, cancellationToken);
            var nodesRegistered = Seconds(Stopwatch.GetElapsedTime(nodesStarted));

            await StartPhaseAsync("starting sharpkube scheduler as a child process");
            var schedulerStarted = Stopwatch.GetTimestamp();
            scheduler = SchedulerProcess.Start(schedulerKubeconfig, workingDirectory);
            await scheduler.WaitStartedAsync(SchedulerStartTimeout, cancellationToken);
            var schedulerStart = Seconds(Stopwatch.GetElapsedTime(schedulerStarted));
            string? Failure() => scheduler.Process.ExitedWith() ?? _nodes.Process.ExitedWith() ?? _server.ExitedWith();

            await CreateNamespacesAsync(admin, cancellationToken);
            var counter = new ScheduledPodCounter();
            var watching = NewClient();
            var informers = new SharedInformerFactory(watching);
            // Only bound pods, as the counter counts nothing else: the pods' creations are not sent to the benchmark.
            counter.Attach(informers.InformerFor(() => new SharedInformer<BoundPod>(TransformingListWatch.Create(
                new ResourceClient<BoundPod>(watching, ApiResource.For<V1Pod>()), null, ScheduledPodCounter.BoundPods, pod => pod))));
            using var stopInformers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var informing = Task.Run(() => informers.RunAsync(stopInformers.Token), CancellationToken.None);
            try
            {
                if (!await informers.WaitForCacheSyncAsync(cancellationToken))
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                var writers = Enumerable.Range(0, _options.Clients).Select(_ => NewClient()).ToArray();
                await StartPhaseAsync($"init: creating {Count(_workload.InitPods)} pods in {SchedulerWorkload.InitNamespace} and waiting until they are scheduled");
                var initStarted = Stopwatch.GetTimestamp();
                await CreatePodsAsync(writers, SchedulerWorkload.InitNamespace, _workload.InitPods, _workload.InitPod, cancellationToken);
                await counter.WaitForAsync(SchedulerWorkload.InitNamespace, _workload.InitPods, _options.Timeout, Failure, cancellationToken);
                var initSeconds = Seconds(Stopwatch.GetElapsedTime(initStarted));

                await StartPhaseAsync(
                    $"measure: creating {Count(_workload.MeasurePods)} pods in {SchedulerWorkload.MeasureNamespace} from {writers.Length} clients while sampling the scheduler's throughput");
                using var http = new HttpClient();
                var before = await AttemptDurationHistogram.ReadAsync(http, scheduler.MetricsUrl, cancellationToken);
                MeasuredProcess[] processes =
                [
                    new("scheduler", scheduler.Process.CpuTime, scheduler.Process.Memory),
                    new("apiserver", _server.CpuTime, () => _server.MeasureMemory() is { } m ? (m.RssBytes, m.PeakRssBytes) : null),
                    new("hollow-nodes", _nodes.Process.CpuTime, _nodes.Process.Memory),
                    MeasuredProcess.Benchmark(),
                ];
                var meters = processes.Select(ProcessMeter.Start).ToArray();
                var sampler = new ThroughputSampler(() => counter.Scheduled(SchedulerWorkload.MeasureNamespace), _workload.MeasurePods);
                using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var sampling = Task.Run(() => sampler.RunAsync(stopSampling.Token), CancellationToken.None);
                var measureStarted = Stopwatch.GetTimestamp();
                var creates = await CreatePodsAsync(writers, SchedulerWorkload.MeasureNamespace, _workload.MeasurePods, _workload.MeasurePod, cancellationToken);
                await counter.WaitForAsync(SchedulerWorkload.MeasureNamespace, _workload.MeasurePods, _options.Timeout, Failure, cancellationToken);
                var measureSeconds = Seconds(Stopwatch.GetElapsedTime(measureStarted));
                await sampling.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                var usage = meters.Select(m => m.Stop()).ToArray();
                var attempts = await MeasuredAttemptsAsync(http, scheduler.MetricsUrl, before, cancellationToken);
                var throughput = ThroughputSummary.From(sampler.Samples, _workload.MeasurePods, sampler.SampledSeconds);
                await _progress.WriteLineAsync(
                    $"[scheduler]   {_workload.Name}: {throughput.Average:N0} pods/s average over {throughput.Samples} samples " +
                    $"(p50 {throughput.Perc50:N0}); upstream threshold {(_workload.Threshold is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) : "none")}");
                var schedulerMemory = scheduler.Process.Memory();
                return new WorkloadResult(
                    _workload.Name,
                    _workload.Upstream,
                    _workload.Nodes,
                    _workload.Zones,
                    _workload.InitPods,
                    _workload.MeasurePods,
                    _workload.Threshold,
                    nodesRegistered,
                    schedulerStart,
                    initSeconds,
                    measureSeconds,
                    throughput,
                    Latency(attempts),
                    creates,
                    usage,
                    schedulerMemory?.Rss,
                    schedulerMemory?.Peak);
            }
            finally
            {
                await BackgroundWork.StopAsync(stopInformers, informing);
            }
        }
        finally
        {
            if (scheduler is not null)
            {
                await scheduler.DisposeAsync();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task WaitForNodesAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.Timeout;
        while (true)
        {
            if ((_nodes.Process.ExitedWith() ?? _server.ExitedWith()) is { } failure)
            {
                throw new SchedulerBenchException(failure);
            }

            var nodes = await client.CoreV1.ListNodeAsync(labelSelector: HollowNodeOptions.HollowNodeLabel + "=true", resourceVersion: "0",
                cancellationToken: cancellationToken);
            if (nodes.Items.Count >= _workload.Nodes)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new SchedulerBenchException(
                    $"only {nodes.Items.Count} of {_workload.Nodes} hollow nodes registered within {_options.Timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task CreateNamespacesAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        foreach (var ns in new[] { SchedulerWorkload.InitNamespace, SchedulerWorkload.MeasureNamespace })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        }

        if (_workload.NeedsPriorityClass)
        {
            await client.SchedulingV1.CreatePriorityClassAsync(
                new V1PriorityClass { Metadata = new V1ObjectMeta { Name = BenchPods.HighPriorityClass }, Value = 10 },
                cancellationToken: cancellationToken);
        }
    }

    private static Task<LatencySummary> CreatePodsAsync(IReadOnlyList<Kubernetes> writers, string ns, int count, Func<string, V1Pod> pod,
        CancellationToken cancellationToken) =>
        ParallelWrites.RunAsync(writers, count,
            (client, i, token) => client.CoreV1.CreateNamespacedPodAsync(pod($"pod-{i.ToString(CultureInfo.InvariantCulture)}"), ns, cancellationToken: token),
            cancellationToken);

    /// <summary>
    /// The successful attempts since <paramref name="before"/>: the scheduler records an attempt once its binding
    /// returns, which can be after the watch shows the pod bound, so this waits (up to 5 s) for one per measured pod.
    /// </summary>
    private async Task<AttemptDurationHistogram> MeasuredAttemptsAsync(HttpClient http, Uri metrics, AttemptDurationHistogram before,
        CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (true)
        {
            var attempts = (await AttemptDurationHistogram.ReadAsync(http, metrics, cancellationToken)).Since(before);
            if (attempts.Count >= _workload.MeasurePods || Stopwatch.GetTimestamp() > deadline)
            {
                return attempts;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static AttemptLatency Latency(AttemptDurationHistogram attempts) => new(
        (long)attempts.Count,
        attempts.Count > 0 ? Math.Round(1000 * attempts.Sum / attempts.Count, 3) : 0,
        Math.Round(1000 * attempts.Quantile(0.50), 3),
        Math.Round(1000 * attempts.Quantile(0.90), 3),
        Math.Round(1000 * attempts.Quantile(0.99), 3));

    private async Task StartPhaseAsync(string phase)
    {
        Phase = phase;
        await _progress.WriteLineAsync($"[scheduler] {_workload.Name}: {phase}");
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 3);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
