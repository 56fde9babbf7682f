using System.Globalization;
using SharpKube.Cli.Bench.Dns.Results;

namespace SharpKube.Cli.Bench.Dns.Output;

/// <summary>The human-readable report of <c>sharpkube bench dns</c>: the servers side by side, pass by pass.</summary>
internal static class DnsBenchTable
{
    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(DnsBenchReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var s = report.Settings;
        await output.WriteLineAsync(
            $"cluster DNS with {Count(s.Services)} Services ({Count(s.HeadlessServices)} headless) in {s.Namespaces} namespaces; " +
            $"{s.Dnsperf} -c {s.Clients} -T {s.Threads} -q {s.Outstanding}, {Number(s.DurationSeconds)} s per pass, " +
            $"{Count(s.SampleNames)} names; {report.Machine.ProcessorCount} cores, load average {report.LoadAverageBefore ?? "?"} before, " +
            $"{report.LoadAverageAfter ?? "?"} after");

        var throughput = new TextTable("as fast as answered", "q/s", "avg", "max", "lost", "NOERROR", "server CPU");
        foreach (var pass in new[] { ("cached", "A of cached in-cluster names"), ("mixed", "A, SRV and NXDOMAIN") })
        {
            throughput.Add(pass.Item2);
            foreach (var server in report.Servers)
            {
                if (server.Passes.FirstOrDefault(p => p.Pass == pass.Item1) is { } result)
                {
                    var st = result.Statistics;
                    throughput.Add("  " + server.Server, Count(st.QueriesPerSecond), Ms(st.AverageLatencyMs), Ms(st.MaxLatencyMs),
                        Count(st.QueriesLost), Percent(st.NoErrorShare()), Cpu(result.Server));
                }
            }
        }

        await output.WriteAsync(throughput.ToString());
        await output.WriteLineAsync();

        var latency = new TextTable($"cached names at {Count(s.LatencyQps)} q/s", "answered", "p50", "p90", "p99", "p99.9", "max", "lost", "server CPU");
        foreach (var server in report.Servers)
        {
            if (server.Passes.FirstOrDefault(p => p.Pass == "latency") is { Latency: { } l } result)
            {
                latency.Add(server.Server, Count(l.Count), Ms(l.P50Ms), Ms(l.P90Ms), Ms(l.P99Ms), Ms(l.P999Ms), Ms(l.MaxMs),
                    Count(result.Statistics.QueriesLost), Cpu(result.Server));
            }
        }

        await output.WriteAsync(latency.ToString());
        await output.WriteLineAsync();

        var memory = new TextTable("memory (VmRSS)", "before load", "after", "peak", "ready after");
        foreach (var server in report.Servers)
        {
            memory.Add(server.Server, Mib(server.RssAfterStartBytes), Mib(server.RssEndBytes), Mib(server.PeakRssBytes),
                server.ReadySeconds is { } ready ? Number(ready) + " s" : "");
        }

        await output.WriteAsync(memory.ToString());
        await output.WriteLineAsync();
        var r = report.Reference;
        await output.WriteLineAsync(
            $"reference: CoreDNS ~{Count(r.CoreDnsQps)} q/s per 2 vCPUs, {Mib(r.CoreDnsRssBytes)} for these objects; " +
            $"target: >= {Count(r.TargetQps)} q/s cached, RSS < {Mib(r.TargetRssBytes)} at 10,000 Services");
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Cpu(ProcessUsage usage) =>
        usage.CpuPercent is { } percent ? percent.ToString("0", CultureInfo.InvariantCulture) + "%" : "";

    private static string Mib(long? bytes) =>
        bytes is { } value ? (value / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "";
}
