using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.Controllers.Phases;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Controllers.Target;
using SharpKube.Cli.Bench.Controllers.Workload;
using SharpKube.Client.Informers;

namespace SharpKube.Cli.Bench.Controllers;

/// <summary>
/// Runs the phases of the controllers benchmark against one API server and one controller manager: waits for the
/// controllers, warms them up, then creates every Deployment at once and deletes them again, following the run's
/// namespace through informers of its own.
/// </summary>
internal sealed class ControllersRun
{
    private static readonly TimeSpan _controllerManagerStartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _warmUpTimeout = TimeSpan.FromSeconds(120);

    private readonly ControllersBenchOptions _options;
    private readonly ChildProcessServer _server;
    private readonly ControllerManagerProcess _controllerManager;
    private readonly TextWriter _progress;

    public ControllersRun(ControllersBenchOptions options, ChildProcessServer server, ControllerManagerProcess controllerManager, TextWriter progress)
    {
        _options = options;
        _server = server;
        _controllerManager = controllerManager;
        _progress = progress;
    }

    /// <summary>The phase running now, for error messages.</summary>
    public string Phase { get; private set; } = "setup";

    /// <summary>Runs every phase; <paramref name="controllerManagerStarted"/> is when its process was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public async Task<ControllersBenchReport> RunAsync(DateTimeOffset startedAt, long controllerManagerStarted, CancellationToken cancellationToken)
    {
        var workload = BenchDeployments.ForNewRun(_options.Deployments, _options.Replicas);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath);
        var clients = new List<Kubernetes>();
        Kubernetes NewClient()
        {
            var client = new Kubernetes(config);
            clients.Add(client);
            return client;
        }

        try
        {
            var admin = NewClient();
            await StartPhaseAsync("waiting for the controller manager to start its controllers");
            await _controllerManager.WaitStartedAsync(_controllerManagerStartTimeout, cancellationToken);
            await StartPhaseAsync($"warm-up: a one-replica Deployment in {workload.WarmUpNamespace}");
            await WarmUp.RunAsync(admin, workload, _warmUpTimeout, ComponentFailure, cancellationToken);
            var ready = Math.Round(Stopwatch.GetElapsedTime(controllerManagerStarted).TotalSeconds, 3);

            await StartPhaseAsync($"creating namespace {workload.Namespace} and watching its Deployments, ReplicaSets and pods");
            await admin.CoreV1.CreateNamespaceAsync(workload.NamespaceObject(workload.Namespace), cancellationToken: cancellationToken);
            var tracker = new RolloutTracker(workload);
            var informers = new SharedInformerFactory(NewClient(), ns: workload.Namespace);
            tracker.Attach(informers.Informer<V1Deployment>(), informers.Informer<V1ReplicaSet>(), informers.Informer<V1Pod>());
            using var stopInformers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var informing = Task.Run(() => informers.RunAsync(stopInformers.Token), CancellationToken.None);
            try
            {
                if (!await informers.WaitForCacheSyncAsync(cancellationToken))
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                var writers = Enumerable.Range(0, _options.Clients).Select(_ => NewClient()).ToArray();
                await StartPhaseAsync($"opening {writers.Length} connections");
                await Task.WhenAll(writers.Select(w => w.AppsV1.ListNamespacedDeploymentAsync(workload.Namespace, limit: 1, cancellationToken: cancellationToken)));

                MeasuredProcess[] processes =
                [
                    new("controller-manager", _controllerManager.Process.CpuTime, _controllerManager.Process.Memory),
                    new("apiserver", _server.CpuTime, () => _server.MeasureMemory() is { } m ? (m.RssBytes, m.PeakRssBytes) : null),
                    MeasuredProcess.Benchmark(),
                ];
                var wait = new MilestoneWait(tracker, ComponentFailure, _progress);
                await StartPhaseAsync(
                    $"create: {Count(workload.Count)} Deployments × {BenchDeployments.ReplicasText(workload.Replicas)} at once from {writers.Length} clients, " +
                    $"until every ReplicaSet reports {BenchDeployments.ReplicasText(workload.Replicas)}");
                var create = await CreatePhase.RunAsync(workload, writers, tracker, wait, processes, _options.Timeout, cancellationToken);
                await _progress.WriteLineAsync(
                    $"[controllers]   every ReplicaSet full after {create.AllReplicaSetsFullSeconds:0.000} s ({create.PodsPerSecond:N0} pods/s)");

                await StartPhaseAsync($"delete: {Count(workload.Count)} Deployments (background propagation), until every ReplicaSet and pod is gone");
                var delete = await DeletePhase.RunAsync(workload, writers, tracker, wait, processes, _options.Timeout, cancellationToken);
                await _progress.WriteLineAsync($"[controllers]   every pod gone after {delete.AllPodsGoneSeconds:0.000} s");

                return new ControllersBenchReport(
                    "controllers",
                    Commands.VersionInfo.Current.SharpKubeVersion,
                    startedAt,
                    _options.CommandLine,
                    MachineInfo.Current(),
                    _server.Description,
                    _controllerManager.Description,
                    new ControllersBenchSettings(workload.Count, workload.Replicas, workload.Pods, writers.Length, _options.Timeout.TotalSeconds,
                        workload.Namespace, BenchDeployments.Image, "sqlite"),
                    ready,
                    create,
                    delete,
                    _controllerManager.Log.Summary(),
                    UpstreamAnchor.ForPods(workload.Pods));
            }
            finally
            {
                await BackgroundWork.StopAsync(stopInformers, informing);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private string? ComponentFailure() => _controllerManager.Process.ExitedWith() ?? _server.ExitedWith();

    private async Task StartPhaseAsync(string phase)
    {
        Phase = phase;
        await _progress.WriteLineAsync($"[controllers] {phase}");
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
