using System.Globalization;
using SharpKube.Cli.Bench.Scheduler.Results;

namespace SharpKube.Cli.Bench.Scheduler.Output;

/// <summary>Prints a scheduler benchmark report: throughput beside upstream's thresholds, attempt latency, and what each process used.</summary>
internal static class SchedulerBenchTable
{
    public static async Task WriteAsync(SchedulerBenchReport report, TextWriter output)
    {
        var machine = report.Machine;
        await output.WriteLineAsync(
            $"scheduler benchmark (scheduler_perf workloads end to end, pods created by {report.Clients} clients); " +
            $"{machine.ProcessorCount} cores {machine.CpuModel}, {machine.Os}, {machine.DotnetVersion}");
        foreach (var line in report.Setup)
        {
            await output.WriteLineAsync($"  {line}");
        }

        await output.WriteLineAsync();
        var throughput = new TextTable("workload", "nodes", "init", "measured", "avg pods/s", "p50", "p90", "p99", "upstream threshold", "attempt p50 / p99 ms");
        foreach (var w in report.Workloads)
        {
            var t = w.Throughput;
            throughput.Add(w.Name, Count(w.Nodes), Count(w.InitPods), Count(w.MeasurePods), Rate(t.Average), Rate(t.Perc50), Rate(t.Perc90), Rate(t.Perc99),
                w.UpstreamThreshold is { } threshold ? $"{Rate(threshold)} ({w.Upstream})" : $"none ({w.Upstream})",
                $"{Ms(w.AttemptLatency.P50Ms)} / {Ms(w.AttemptLatency.P99Ms)}");
        }

        await output.WriteAsync(throughput.ToString());
        await output.WriteLineAsync();
        var processes = new TextTable("workload", "process", "CPU s (measured phase)", "% of a core", "RSS MiB", "peak RSS MiB");
        foreach (var w in report.Workloads)
        {
            foreach (var p in w.Processes)
            {
                processes.Add(w.Name, p.Process, Number(p.CpuSeconds), Number(p.CpuPercent), MiB(p.RssBytes), MiB(p.PeakRssBytes));
            }
        }

        await output.WriteAsync(processes.ToString());
        await output.WriteLineAsync();
        foreach (var w in report.Workloads)
        {
            await output.WriteLineAsync(
                $"{w.Name}: nodes registered in {Number(w.NodesRegisteredSeconds)} s; scheduler started in {Number(w.SchedulerStartSeconds)} s; " +
                $"init pods scheduled in {Number(w.InitSeconds)} s; measured pods created and scheduled in {Number(w.MeasureSeconds)} s " +
                $"({Rate(w.Throughput.Overall)} pods/s first to last); pod create p50 {Ms(w.PodCreates.P50Ms)} ms");
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double n) => n.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(double? n) => n is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string MiB(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) : "-";
}
