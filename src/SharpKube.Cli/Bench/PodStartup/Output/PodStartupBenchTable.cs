using System.Globalization;
using SharpKube.Cli.Bench.PodStartup.Results;

namespace SharpKube.Cli.Bench.PodStartup.Output;

/// <summary>The human-readable report of <c>sharpkube bench pod-startup</c>: latencies, the kubelet's share, its resources, upstream beside.</summary>
internal static class PodStartupBenchTable
{
    private const double MiB = 1024 * 1024;

    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(PodStartupBenchReport report, TextWriter output)
    {
        var upstream = report.Upstream;
        await output.WriteLineAsync($"pod startup on one node ({report.Image}, node Ready after {Seconds(report.NodeReadySeconds)})");
        var latency = new TextTable("create → Running and Ready (watch)", "pods", "p50", "p90", "p99", "max", "all Running", "upstream limit");
        latency.Add("single pod", Count(report.SinglePod.Pods), Ms(report.SinglePod.CreateToRunning.P50Ms), Ms(report.SinglePod.CreateToRunning.P90Ms),
            Ms(report.SinglePod.CreateToRunning.P99Ms), Ms(report.SinglePod.CreateToRunning.MaxMs), Seconds(report.SinglePod.AllRunningSeconds), "");
        latency.Add("batch", Count(report.Batch.Pods), Ms(report.Batch.CreateToRunning.P50Ms), Ms(report.Batch.CreateToRunning.P90Ms),
            Ms(report.Batch.CreateToRunning.P99Ms), Ms(report.Batch.CreateToRunning.MaxMs), Seconds(report.Batch.AllRunningSeconds),
            $"{Count(upstream.BatchPods)} pods: {Number(upstream.P50Seconds)}/{Number(upstream.P90Seconds)}/{Number(upstream.P99Seconds)} s, all ≤ {Number(upstream.BatchSeconds)} s");
        foreach (var (name, phase) in new[] { ("single pod", report.SinglePod), ("batch", report.Batch) })
        {
            latency.Add($"{name}: of which create → bound", Count(phase.Pods), Ms(phase.CreateToScheduled.P50Ms), Ms(phase.CreateToScheduled.P90Ms),
                Ms(phase.CreateToScheduled.P99Ms), Ms(phase.CreateToScheduled.MaxMs), "", "");
        }

        await output.WriteAsync(latency.ToString());
        await output.WriteLineAsync();

        var kubelet = new TextTable("kubelet, per pod (its own account)", "p50", "p99", "max", "CRI calls");
        foreach (var (name, phase) in new[] { ("single pod", report.SinglePod), ("batch", report.Batch) })
        {
            kubelet.Add($"{name}: seen → Running written", Ms(phase.KubeletSeenToRunning.P50Ms), Ms(phase.KubeletSeenToRunning.P99Ms), Ms(phase.KubeletSeenToRunning.MaxMs), "");
            kubelet.Add($"{name}: inside CRI calls", Ms(phase.CriTimePerPod.P50Ms), Ms(phase.CriTimePerPod.P99Ms), Ms(phase.CriTimePerPod.MaxMs),
                phase.CriCallsPerPod.ToString("0.#", CultureInfo.InvariantCulture));
            kubelet.Add($"{name}: overhead (the rest)", Ms(phase.KubeletOverhead.P50Ms), Ms(phase.KubeletOverhead.P99Ms), Ms(phase.KubeletOverhead.MaxMs), "");
        }

        await output.WriteAsync(kubelet.ToString());
        await output.WriteLineAsync();

        var operations = new TextTable("CRI operation (whole run)", "calls", "mean", "total");
        foreach (var (operation, figures) in report.CriOperations.OrderByDescending(o => o.Value.Count * o.Value.MeanMs).Take(8))
        {
            operations.Add(operation, figures.Count.ToString(CultureInfo.InvariantCulture), Ms(figures.MeanMs), Ms(figures.Count * figures.MeanMs));
        }

        await output.WriteAsync(operations.ToString());
        await output.WriteLineAsync();

        var resources = new TextTable("process", "RSS", "peak RSS", "CPU s", "CPU %", "upstream limit");
        resources.Add("kubelet, idle before the batch", MiBText(report.KubeletIdleRssBytes), "", "", "", "");
        resources.Add($"kubelet, batch ({Count(report.Batch.Pods)} pods running)", MiBText(report.Batch.Kubelet.RssBytes), MiBText(report.Batch.Kubelet.PeakRssBytes),
            Number(report.Batch.Kubelet.CpuSeconds), Number(report.Batch.Kubelet.CpuPercent), $"RSS ≤ {Number(upstream.KubeletRssMiB)} MiB");
        resources.Add("server (API, controllers, scheduler), batch", MiBText(report.Batch.ControlPlane.RssBytes), MiBText(report.Batch.ControlPlane.PeakRssBytes),
            Number(report.Batch.ControlPlane.CpuSeconds), Number(report.Batch.ControlPlane.CpuPercent), "");
        await output.WriteAsync(resources.ToString());
        await output.WriteLineAsync();

        var targets = report.Targets;
        await output.WriteLineAsync($"targets: single pod p50 ≤ {Ms(targets.SinglePodP50Ms)}: {Met(targets.SinglePodP50Met)}; " +
            $"batch p99 ≤ {Ms(targets.BatchP99Ms)}: {Met(targets.BatchP99Met)}; kubelet overhead p99 ≤ {Ms(targets.OverheadP99Ms)}: {Met(targets.OverheadP99Met)}; " +
            $"kubelet RSS ≤ {Number(targets.KubeletRssMiB)} MiB: {Met(targets.KubeletRssMet)}");
        await output.WriteLineAsync($"upstream: {upstream.Note}");
    }

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string MiBText(long? bytes) => bytes is { } b ? (b / MiB).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "-";
}
