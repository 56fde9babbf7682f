using System.Diagnostics;
using System.Globalization;
using SharpKube.Cli.Bench.PodStartup.Results;
using SharpKube.Cli.Bench.SingleNode;
using SharpKube.Cli.Bench.PodStartup.Workload;

namespace SharpKube.Cli.Bench.PodStartup.Phases;

/// <summary>
/// One start phase: creates its pods at once, waits until the watch delivered every one Running and Ready, then reads
/// the kubelet's account of the same pods (CRI time, overhead) and what the kubelet and server processes used meanwhile.
/// </summary>
internal sealed class StartupPhase(BenchPods pods, PodStartupTracker tracker, BenchKubelet kubelet, BenchControlPlane controlPlane, TextWriter progress)
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan _progressInterval = TimeSpan.FromSeconds(5);

    /// <summary>How a component process ended, if one has; null while both run.</summary>
    public string? ComponentFailure() => kubelet.Process.ExitedWith() ?? controlPlane.Process.ExitedWith();

    /// <summary>Creates <paramref name="count"/> pods named after <paramref name="phase"/> and measures their start.</summary>
    public async Task<StartupPhaseResult> RunAsync(string phase, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, count).Select(i => BenchPods.Name(phase, i)).ToArray();
        var kubeletMeter = ProcessMeter.Start(new MeasuredProcess("kubelet", kubelet.Process.CpuTime, kubelet.Process.Memory));
        var serverMeter = ProcessMeter.Start(new MeasuredProcess("server", controlPlane.Process.CpuTime, controlPlane.Process.Memory));
        var start = Stopwatch.GetTimestamp();
        await pods.CreateAllAsync(names, tracker.Creating, cancellationToken);
        await WaitRunningAsync(phase, names, start, timeout, cancellationToken);
        var kubeletUsage = kubeletMeter.Stop();
        var serverUsage = serverMeter.Stop();

        var latency = new LatencyHistogram();
        var scheduling = new LatencyHistogram();
        foreach (var name in names)
        {
            latency.Record(tracker.Latency(name)!.Value);
            // A pod is seen bound before or with its Running update, so this is never missing once it ran.
            scheduling.Record(tracker.SchedulingLatency(name) ?? 0);
        }
        var (firstCreate, lastRunning) = tracker.Span(names);
        var startups = await kubelet.Debug.PodStartupsAsync(cancellationToken);
        var accounts = names.Select(n => tracker.Uid(n) is { } uid ? startups.GetValueOrDefault(uid) : null).OfType<KubeletPodStartup>()
            .Where(a => a.FirstSeenToRunningMs is not null).ToArray();
        if (accounts.Length < names.Length)
        {
            await progress.WriteLineAsync($"[pod-startup] {phase}: the kubelet accounts for {accounts.Length} of {names.Length} pods");
        }

        return new StartupPhaseResult(
            count,
            LatencySummary.From(latency),
            LatencySummary.From(scheduling),
            Math.Round(Stopwatch.GetElapsedTime(firstCreate, lastRunning).TotalSeconds, 3),
            Summary(accounts.Select(a => a.CriMs)),
            accounts.Length == 0 ? 0 : Math.Round(accounts.Average(a => a.CriCalls), 1),
            Summary(accounts.Select(a => a.FirstSeenToRunningMs!.Value)),
            Summary(accounts.Select(a => a.OverheadMs!.Value)),
            kubeletUsage,
            serverUsage);
    }

    private async Task WaitRunningAsync(string phase, string[] names, long start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lastReport = start;
        while (tracker.RunningCount(names) < names.Length)
        {
            if (ComponentFailure() is { } failure)
            {
                throw new NodeBenchException($"{phase}: {failure}");
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= timeout)
            {
                throw new NodeBenchException(
                    $"{phase}: only {tracker.RunningCount(names)} of {names.Length} pods were Running and Ready after {timeout.TotalSeconds:0} s");
            }

            if (Stopwatch.GetElapsedTime(lastReport) >= _progressInterval)
            {
                lastReport = Stopwatch.GetTimestamp();
                await progress.WriteLineAsync(
                    $"[pod-startup]   {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {tracker.RunningCount(names)}/{names.Length} Running");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }

    /// <summary>Milliseconds summarised through the benchmarks' histogram (which counts Stopwatch ticks).</summary>
    private static LatencySummary Summary(IEnumerable<double> milliseconds)
    {
        var histogram = new LatencyHistogram();
        foreach (var ms in milliseconds)
        {
            histogram.Record((long)(ms * Stopwatch.Frequency / 1000));
        }

        return LatencySummary.From(histogram);
    }
}
