using System.Globalization;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>The human-readable report of <c>sharpkube bench streaming</c>.</summary>
internal static class StreamingBenchTable
{
    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(StreamingBenchReport report, TextWriter output)
    {
        await output.WriteLineAsync($"exec and port-forward on one node ({report.Kubectl})");
        var exec = new TextTable("exec of `true`, one after another", "runs", "p50", "p90", "p99", "max");
        foreach (var (name, latency) in new[] { ("kubectl exec (process start to exit)", report.KubectlExec), ("WebSocket v5 exec (upgrade to close)", report.ClientExec) })
        {
            exec.Add(name, latency.Count.ToString(CultureInfo.InvariantCulture), Ms(latency.P50Ms), Ms(latency.P90Ms), Ms(latency.P99Ms), Ms(latency.MaxMs));
        }

        await output.WriteAsync(exec.ToString());
        await output.WriteLineAsync();
        var forward = new TextTable($"download of {report.FileMiB} MiB (median)", "MB/s", "of direct");
        forward.Add("through kubectl port-forward", Number(report.ForwardMBps), Percent(report.ForwardMBps / report.DirectMBps));
        forward.Add("straight from the pod IP", Number(report.DirectMBps), "");
        await output.WriteAsync(forward.ToString());
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsFinite(share) ? share.ToString("0%", CultureInfo.InvariantCulture) : "";
}
