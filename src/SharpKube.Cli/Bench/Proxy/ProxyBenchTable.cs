using System.Globalization;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>The human-readable report of <c>sharpkube bench proxy</c>.</summary>
internal static class ProxyBenchTable
{
    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(ProxyBenchReport report, TextWriter output)
    {
        var backend = new TextTable("backend syncs (private netns)", "services", "first full sync", "full resync", "incremental p50", "p99", "max");
        foreach (var r in report.Backend)
        {
            backend.Add(r.Mode, $"{Count(r.Services)} x {Count(r.Endpoints)}", Ms(r.FirstFullSyncMs), Ms(r.FullResyncMs), Ms(r.Incremental.P50Ms),
                Ms(r.Incremental.P99Ms), Ms(r.Incremental.MaxMs));
        }
        await output.WriteAsync(backend.ToString());
        if (report.ThroughApi.Count == 0)
        {
            return;
        }
        await output.WriteLineAsync();
        var api = new TextTable("through the API server", "services", "start to programmed", "slice to kernel p50", "p99", "max");
        foreach (var r in report.ThroughApi)
        {
            api.Add(r.Mode, $"{Count(r.Services)} x {Count(r.Endpoints)}", Ms(r.StartToProgrammedMs), Ms(r.SliceToKernel.P50Ms), Ms(r.SliceToKernel.P99Ms),
                Ms(r.SliceToKernel.MaxMs));
        }
        await output.WriteAsync(api.ToString());
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
