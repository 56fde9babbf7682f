using System.Globalization;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Controllers.Workload;

namespace SharpKube.Cli.Bench.Controllers.Output;

/// <summary>Prints a controllers benchmark report: the milestones of each phase, what each process used, the controller manager's log and upstream's floor.</summary>
internal static class ControllersBenchTable
{
    public static async Task WriteAsync(ControllersBenchReport report, TextWriter output)
    {
        var s = report.Settings;
        var machine = report.Machine;
        await output.WriteLineAsync(
            $"controllers benchmark: {Count(s.Deployments)} Deployments × {BenchDeployments.ReplicasText(s.Replicas)} = {Count(s.Pods)} pods, created at once " +
            $"from {s.Clients} clients; {machine.ProcessorCount} cores {machine.CpuModel}, {machine.Os}, {machine.DotnetVersion}");
        await output.WriteLineAsync($"controller manager: {report.ControllerManager}; ready {Seconds(report.ControllerManagerReadySeconds)} s after its start");
        await output.WriteLineAsync($"API server: {report.ApiServer}");
        await output.WriteLineAsync();
        await output.WriteAsync(Milestones(report).ToString());
        await output.WriteLineAsync();
        await output.WriteAsync(Processes(report).ToString());
        await output.WriteLineAsync();

        var c = report.Create;
        await output.WriteLineAsync(
            $"pods created: {Count(c.PodsCreated)} of {Count(s.Pods)} asked for, at most {Count(c.MaxPodsAtOnce)} at once; " +
            $"first to last pod {Seconds(c.PodCreationSeconds)} s");
        var log = report.ControllerManagerLog;
        await output.WriteLineAsync(
            $"controller manager log: {Count(log.Lines)} lines, {Count(log.Warnings)} warnings, {Count(log.Errors)} errors, " +
            $"{Count(log.ConflictLines)} mentioning a conflict");
        foreach (var sample in log.Samples)
        {
            await output.WriteLineAsync($"  {sample}");
        }

        var u = report.Upstream;
        await output.WriteLineAsync(
            $"upstream anchor: kube-controller-manager at its defaults (--kube-api-qps={u.KubeApiQps.ToString(CultureInfo.InvariantCulture)} " +
            $"--kube-api-burst={u.KubeApiBurst}) needs at least {Seconds(u.PodCreatesFloorSeconds)} s for {Count(s.Pods)} pod creates " +
            "(its client-side rate limit alone; not measured here)");
    }

    private static TextTable Milestones(ControllersBenchReport report)
    {
        var s = report.Settings;
        var c = report.Create;
        var d = report.Delete;
        var table = new TextTable("milestone (seconds after the phase's first request)", "seconds", "");
        table.Add("create: every Deployment create answered", Seconds(c.CreatesAcknowledgedSeconds), Latency(c.CreateLatency));
        table.Add($"create: all {Count(s.Deployments)} ReplicaSets exist", Seconds(c.AllReplicaSetsExistSeconds));
        table.Add($"create: all {Count(s.Pods)} pods created", Seconds(c.AllPodsCreatedSeconds), $"{Count((long)c.PodsPerSecond)} pods/s");
        table.Add($"create: every ReplicaSet reports {BenchDeployments.ReplicasText(s.Replicas)}", Seconds(c.AllReplicaSetsFullSeconds),
            $"per ReplicaSet p50 {Seconds(c.ReplicaSetFullLatency.P50Ms / 1000)} s, max {Seconds(c.ReplicaSetFullLatency.MaxMs / 1000)} s");
        table.Add($"create: every Deployment reports {BenchDeployments.ReplicasText(s.Replicas)}", Seconds(c.AllDeploymentsFullSeconds));
        table.Add("delete: every Deployment delete answered", Seconds(d.DeletesAcknowledgedSeconds), Latency(d.DeleteLatency));
        table.Add("delete: all Deployments gone", Seconds(d.AllDeploymentsGoneSeconds));
        table.Add("delete: all ReplicaSets gone (garbage collector)", Seconds(d.AllReplicaSetsGoneSeconds));
        table.Add($"delete: all {Count(s.Pods)} pods gone (garbage collector)", Seconds(d.AllPodsGoneSeconds), $"{Count((long)d.PodsPerSecond)} pods/s");
        return table;
    }

    private static TextTable Processes(ControllersBenchReport report)
    {
        var table = new TextTable("process", "phase", "CPU s", "CPU %", "RSS at end", "peak RSS");
        foreach (var (phase, usages) in new[] { ("create", report.Create.Processes), ("delete", report.Delete.Processes) })
        {
            foreach (var p in usages)
            {
                table.Add(p.Process, phase, p.CpuSeconds is { } cpu ? Seconds(cpu) : "n/a",
                    p.CpuPercent is { } percent ? percent.ToString("F0", CultureInfo.InvariantCulture) : "n/a", Size(p.RssBytes), Size(p.PeakRssBytes));
            }
        }

        return table;
    }

    private static string Latency(LatencySummary latency) =>
        $"p50 {Milliseconds(latency.P50Ms)} ms, p99 {Milliseconds(latency.P99Ms)} ms";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString(seconds >= 100 ? "F1" : "F3", CultureInfo.InvariantCulture);

    private static string Milliseconds(double ms) => ms.ToString(ms >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    private static string Size(long? bytes) => bytes is { } b ? $"{(b / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture)} MiB" : "n/a";
}
