using System.Globalization;
using SharpKube.Cli.Bench.Storage.Results;

namespace SharpKube.Cli.Bench.Storage.Output;

/// <summary>Prints a storage benchmark report as a table: one row per metric, one column per driver.</summary>
internal static class StorageBenchTable
{
    public static async Task WriteAsync(StorageBenchReport report, TextWriter output)
    {
        var machine = report.Machine;
        var settings = report.Settings;
        await output.WriteLineAsync(
            $"storage benchmark: {settings.DurationSeconds:0.###} s per phase, {settings.ValueSizeBytes} B values, " +
            $"{settings.Watchers} watchers; {machine.ProcessorCount} cores {machine.CpuModel}, {machine.Os}, {machine.DotnetVersion}");
        await output.WriteLineAsync();
        await output.WriteAsync(Build(report.Drivers).ToString());
    }

    private static TextTable Build(IReadOnlyList<DriverResult> drivers)
    {
        var table = new TextTable(["", .. drivers.Select(d => d.Driver)]);
        void Row(string metric, Func<DriverResult, string> cell) => table.Add([metric, .. drivers.Select(cell)]);

        for (var level = 0; level < drivers[0].Create.Count; level++)
        {
            var i = level;
            Row($"create, {Writers(drivers[0].Create[i].Writers)}: ops/s", d => Rate(d.Create[i].OpsPerSecond));
            Row("  p50 / p99 ms", d => Pair(d.Create[i].Latency.P50Ms, d.Create[i].Latency.P99Ms));
            Row("  alloc B/op, GC pause ms, CPU %", d => Cost(d.Create[i].Runtime));
        }

        for (var level = 0; level < drivers[0].Update.Count; level++)
        {
            var i = level;
            Row($"update (CAS), {Writers(drivers[0].Update[i].Writers)}: ops/s", d => Rate(d.Update[i].OpsPerSecond));
            Row("  p50 / p99 ms", d => Pair(d.Update[i].Latency.P50Ms, d.Update[i].Latency.P99Ms));
            Row("  alloc B/op, GC pause ms, CPU %", d => Cost(d.Update[i].Runtime));
        }

        Row("get: p50 / p99 ms", d => Pair(d.Get.Latency.P50Ms, d.Get.Latency.P99Ms));
        Row("list 1000 keys: p50 / p99 ms", d => Pair(d.List.Latency.P50Ms, d.List.Latency.P99Ms));

        var watch = drivers[0].Watch;
        Row($"watch, {watch.Watchers} watchers, {Writers(watch.Writers)}: writes/s", d => Rate(d.Watch.WritesPerSecond));
        Row("  lag p50 / p99 ms", d => Pair(d.Watch.Lag.P50Ms, d.Watch.Lag.P99Ms));
        Row("  events per watcher (min / written)", d => $"{Count(d.Watch.EventsPerWatcherMin)} / {Count(d.Watch.EventsWritten)}");
        Row("  every watcher saw every revision", d => d.Watch.EveryWatcherSawEveryRevision
            ? "yes"
            : $"NO ({d.Watch.WatchersWithEveryRevision}/{d.Watch.Watchers})");
        Row("  restarts after too slow", d => Count(d.Watch.Restarts));

        Row($"compaction, {Writers(drivers[0].Compaction.Writers)}: duration ms", d => Milliseconds(d.Compaction.DurationMs));
        Row("  pause: longest write during / before ms", d => Pair(d.Compaction.PauseMs, d.Compaction.BaselineMaxMs));
        Row("  write p99 during / before ms", d => Pair(d.Compaction.P99DuringMs, d.Compaction.BaselineP99Ms));
        Row("db size after compaction", d => d.DbSizeBytes is { } bytes ? Size(bytes) : "n/a");
        return table;
    }

    private static string Writers(int n) => n == 1 ? "1 writer" : $"{n} writers";

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Cost(RuntimeCost cost) => string.Create(
        CultureInfo.InvariantCulture, $"{cost.AllocatedBytesPerOp:F0}, {cost.GcPauseMs:F0}, {cost.CpuPercent:F0}");

    private static string Pair(double a, double b) => $"{Milliseconds(a)} / {Milliseconds(b)}";

    private static string Milliseconds(double ms) => ms switch
    {
        >= 100 => ms.ToString("F0", CultureInfo.InvariantCulture),
        >= 1 => ms.ToString("F2", CultureInfo.InvariantCulture),
        >= 0.01 => ms.ToString("F3", CultureInfo.InvariantCulture),
        _ => ms.ToString("F4", CultureInfo.InvariantCulture),
    };

    private static string Size(long bytes) => bytes >= 1 << 20
        ? $"{bytes / (1024.0 * 1024):F1} MiB"
        : $"{bytes / 1024.0:F1} KiB";
}
