using System.Globalization;
using SharpKube.Cli.Bench.ApiServer.Results;

namespace SharpKube.Cli.Bench.ApiServer.Output;

/// <summary>Prints an API server benchmark report: one row per phase, then the watch and memory figures, then the targets.</summary>
internal static class ApiServerBenchTable
{
    public static async Task WriteAsync(ApiServerBenchReport report, TextWriter output)
    {
        var machine = report.Machine;
        var s = report.Settings;
        var versions = string.Join(", ", report.HttpVersions.Select(v => $"{v.Key} ({Count(v.Value)} responses)"));
        await output.WriteLineAsync($"apiserver benchmark: {report.Server}; {versions}");
        await output.WriteLineAsync(
            $"{Count(s.Pods)} pods of {Size(s.PodBytes)}, {s.Clients} clients, {Count(s.Watchers)} watchers on {Count(s.WatchConnections)} " +
            $"{s.WatchProtocol} connections, {Count(s.WriteRate)} writes/s, {s.DurationSeconds:0.###} s per phase; " +
            $"{machine.ProcessorCount} cores {machine.CpuModel}, {machine.Os}, {machine.DotnetVersion}");
        await output.WriteLineAsync();
        await output.WriteAsync(Phases(report).ToString());
        await output.WriteLineAsync();

        var w = report.Watch;
        await output.WriteLineAsync(
            $"watch: events missed / duplicate / out of order: {Count(w.MissedEvents)} / {Count(w.DuplicateEvents)} / {Count(w.OutOfOrderEvents)}; " +
            $"watchers with every event {Count(w.WatchersWithEveryEvent)} of {Count(w.Watchers)}; restarts {Count(w.Restarts)}; " +
            $"catch-up after the last write {Milliseconds(w.CatchUpMs)} ms; deliveries before the write's response {Count(w.EventsBeforeAcknowledgement)}");
        if (report.Memory is { } m)
        {
            await output.WriteLineAsync(
                $"server memory: {Size(m.RssBytes)} RSS with {Count(m.PodsStored)} pods stored" +
                (m.RssAfterWatchBytes is { } after ? $", {Size(after)} after the watch phase" : "") +
                (m.PeakRssBytes is { } peak ? $", peak {Size(peak)}" : "") +
                (m.ManagedHeapBytes is { } heap ? $", .NET heap {Size(heap)}" : "") +
                $" ({m.Method})");
        }
        else
        {
            await output.WriteLineAsync("server memory: not measured (the server's process is not the run's)");
        }

        await output.WriteLineAsync();
        await output.WriteAsync(TargetTable(report.Targets).ToString());
    }

    private static TextTable Phases(ApiServerBenchReport report)
    {
        var table = new TextTable("phase", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "server CPU %", "client CPU %");
        foreach (var p in report.Create.Append(report.Get).Concat(report.Update))
        {
            table.Add(
                $"{p.Phase}, {Clients(p.Clients)}", Count(p.Requests), Rate(p.RequestsPerSecond),
                Milliseconds(p.Latency.P50Ms), Milliseconds(p.Latency.P90Ms), Milliseconds(p.Latency.P99Ms), Milliseconds(p.Latency.MaxMs),
                Count(p.Errors), Percent(p.ServerCpuPercent), Percent(p.ClientCpuPercent));
        }

        foreach (var l in report.List)
        {
            table.Add(
                $"list {Count(l.Items)} pods as {(l.Format == "table" ? "Table" : "JSON")} ({Size(l.ResponseBytes)}), 1 client", Count(l.Requests), "",
                Milliseconds(l.Latency.P50Ms), Milliseconds(l.Latency.P90Ms), Milliseconds(l.Latency.P99Ms), Milliseconds(l.Latency.MaxMs),
                "", Percent(l.ServerCpuPercent), Percent(l.ClientCpuPercent));
        }

        var w = report.Watch;
        table.Add(
            $"watch: writes (merge patch) at {Count(w.TargetWritesPerSecond)}/s", Count(w.WritesAcknowledged), Rate(w.WritesPerSecond),
            Milliseconds(w.WriteLatency.P50Ms), Milliseconds(w.WriteLatency.P90Ms), Milliseconds(w.WriteLatency.P99Ms), Milliseconds(w.WriteLatency.MaxMs),
            Count(w.WriteErrors), Percent(w.ServerCpuPercent), Percent(w.ClientCpuPercent));
        table.Add(
            $"watch: delivery lag after the write's response, {Count(w.Watchers)} watchers", Count(w.Deliveries), "",
            Milliseconds(w.Lag.P50Ms), Milliseconds(w.Lag.P90Ms), Milliseconds(w.Lag.P99Ms), Milliseconds(w.Lag.MaxMs));
        table.Add(
            "watch: write sent to event read", Count(w.LagFromWriteSent.Count), "",
            Milliseconds(w.LagFromWriteSent.P50Ms), Milliseconds(w.LagFromWriteSent.P90Ms), Milliseconds(w.LagFromWriteSent.P99Ms),
            Milliseconds(w.LagFromWriteSent.MaxMs));
        return table;
    }

    private static TextTable TargetTable(IReadOnlyList<TargetCheck> targets)
    {
        var table = new TextTable("target", "value", "limit", "met", "upstream anchor");
        foreach (var t in targets)
        {
            var limit = t.Unit == "events" ? "= 0" : $"< {t.Limit.ToString("0.###", CultureInfo.InvariantCulture)} {t.Unit}";
            var value = t.Unit == "ms" ? $"{Milliseconds(t.Value)} ms"
                : t.Unit == "events" ? Count((long)t.Value)
                : $"{t.Value.ToString("0.0", CultureInfo.InvariantCulture)} {t.Unit}";
            table.Add(t.Metric, value, limit, t.Met ? "yes" : "NO", t.Upstream);
        }

        return table;
    }

    private static string Clients(int n) => n == 1 ? "1 client" : $"{n} clients";

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? percent) => percent is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string Milliseconds(double ms) => ms switch
    {
        >= 100 => ms.ToString("F0", CultureInfo.InvariantCulture),
        >= 1 => ms.ToString("F2", CultureInfo.InvariantCulture),
        _ => ms.ToString("F3", CultureInfo.InvariantCulture),
    };

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 => $"{(bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture)} MiB",
        >= 1 << 10 => $"{(bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture)} KiB",
        _ => $"{bytes} B",
    };
}
