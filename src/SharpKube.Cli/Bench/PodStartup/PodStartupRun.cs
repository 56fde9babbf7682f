using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.PodStartup.Phases;
using SharpKube.Cli.Bench.PodStartup.Results;
using SharpKube.Cli.Bench.SingleNode;
using SharpKube.Cli.Bench.PodStartup.Workload;
using SharpKube.Cli.Commands;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Images;

namespace SharpKube.Cli.Bench.PodStartup;

/// <summary>The phases of one run against a started control plane and kubelet: node Ready, the single pod, its removal, the batch.</summary>
internal sealed class PodStartupRun(PodStartupBenchOptions options, Kubernetes client, BenchControlPlane controlPlane, BenchKubelet kubelet, TextWriter progress)
{
    private const string DurationSeries = "kubelet_runtime_operations_duration_seconds";
    private readonly ResourceClient<V1Pod> _pods = new(client);

    /// <summary>The phase running now, for error messages.</summary>
    public string Phase { get; private set; } = "node Ready";

    /// <summary>Runs every phase; <paramref name="kubeletStarted"/> is when the kubelet process was started.</summary>
    public async Task<PodStartupBenchReport> RunAsync(DateTimeOffset startedAt, long kubeletStarted, CancellationToken cancellationToken)
    {
        var pods = new BenchPods(_pods);
        var tracker = new PodStartupTracker();
        var informer = new SharedInformer<V1Pod>(new ListWatch<V1Pod>(_pods, BenchPods.Namespace, BenchPods.LabelSelector));
        tracker.Attach(informer);
        using var stopInformer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informerRun = informer.RunAsync(stopInformer.Token);
        var phase = new StartupPhase(pods, tracker, kubelet, controlPlane, progress);
        try
        {
            await NodeReadiness.WaitAsync(new ResourceClient<V1Node>(client), BenchKubelet.NodeName, options.Timeout, phase.ComponentFailure, cancellationToken);
            var nodeReadySeconds = Math.Round(Stopwatch.GetElapsedTime(kubeletStarted).TotalSeconds, 3);
            await progress.WriteLineAsync($"[pod-startup] node {BenchKubelet.NodeName} Ready after {nodeReadySeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            await informer.WaitForCacheSyncAsync(cancellationToken);

            Phase = "single pod";
            await progress.WriteLineAsync("[pod-startup] single pod: creating 1 pod");
            var single = await phase.RunAsync("single", 1, options.Timeout, cancellationToken);
            Phase = "single pod removal";
            await pods.DeleteAllAsync(cancellationToken);
            var left = await pods.WaitAllGoneAsync(options.Timeout, phase.ComponentFailure, cancellationToken);
            if (left.Count > 0)
            {
                throw new NodeBenchException($"{Phase}: {string.Join(", ", left)} still there; {phase.ComponentFailure() ?? "components running"}");
            }

            var idleRss = kubelet.Process.Memory()?.Rss;
            Phase = "batch";
            await progress.WriteLineAsync($"[pod-startup] batch: creating {options.Pods} pods at once");
            var batch = await phase.RunAsync("batch", options.Pods, options.Timeout, cancellationToken);
            var operations = Operations(await kubelet.Debug.MetricsAsync(cancellationToken));
            return new PodStartupBenchReport("pod-startup", options.CommandLine, startedAt, MachineInfo.Current(), controlPlane.Description, kubelet.Description,
                BusyboxImage.Reference, nodeReadySeconds, single, batch, idleRss, operations, PodStartupTargets.Judge(single, batch), UpstreamDensityAnchor.Current);
        }
        catch (Exception e) when (e is not NodeBenchException && (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException))
        {
            var exited = phase.ComponentFailure();
            throw new NodeBenchException($"{Phase}: {Describe(e)}{(exited is null ? "" : $" ({exited})")}", e);
        }
        finally
        {
            await BackgroundWork.StopAsync(stopInformer, informerRun);
        }
    }

    /// <summary>Deletes every benchmark pod and waits until the kubelet removed them; a failure is reported, not thrown (this runs on the way out).</summary>
    public async Task DeletePodsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pods = new BenchPods(_pods);
            await pods.DeleteAllAsync(cancellationToken);
            var left = await pods.WaitAllGoneAsync(TimeSpan.FromSeconds(90), () => kubelet.Process.ExitedWith(), cancellationToken);
            if (left.Count > 0)
            {
                await progress.WriteLineAsync($"[pod-startup] {left.Count} pods were not removed by the kubelet; removing what is left by force");
            }
        }
        catch (Exception e) when (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException or OperationCanceledException)
        {
            await progress.WriteLineAsync($"[pod-startup] deleting the pods failed ({Describe(e)}); removing what is left by force");
        }
    }

    /// <summary>Calls and mean duration by operation type, from the kubelet's <c>kubelet_runtime_operations_duration_seconds</c> (Prometheus text).</summary>
    private static SortedDictionary<string, CriOperationFigures> Operations(string metrics)
    {
        var sums = Series(metrics, DurationSeries + "_sum");
        var counts = Series(metrics, DurationSeries + "_count");
        var operations = new SortedDictionary<string, CriOperationFigures>(StringComparer.Ordinal);
        foreach (var (operation, count) in counts)
        {
            var sum = sums.GetValueOrDefault(operation);
            operations[operation] = new CriOperationFigures((long)count, count > 0 ? Math.Round(sum * 1000 / count, 3) : 0);
        }

        return operations;
    }

    /// <summary>The values of series <paramref name="name"/>{operation_type="…"} by operation type.</summary>
    private static Dictionary<string, double> Series(string metrics, string name)
    {
        var prefix = name + "{operation_type=\"";
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && line.IndexOf("\"} ", StringComparison.Ordinal) is var end and > 0
                && double.TryParse(line[(end + 3)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[line[prefix.Length..end]] = value;
            }
        }

        return values;
    }

    private static string Describe(Exception e) => e is k8s.Autorest.HttpOperationException { Response: { } response }
        ? $"{(int)response.StatusCode} {response.StatusCode}: {response.Content?.ReplaceLineEndings(" ")}"
        : e.Message;
}
