using System.Diagnostics;
using SharpKube.Cli.Bench.Storage.Results;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// Compacts the whole history at the current revision while writers keep updating keys, and measures how much the
/// compaction slows them: the longest single write overlapping it (the pause) and their p99 during it.
/// </summary>
internal static class CompactionPhase
{
    public static async Task<CompactionResult> RunAsync(
        IKeyValueStore store, string prefix, StorageBenchOptions options, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var owned = await OwnedKeys.CreateAsync(
            store, prefix, options.Writers, options.Writers * options.KeysPerWriter, value, cancellationToken);
        var times = new CompactionTimes();
        var windows = owned.Select(_ => new CompactionWindow(times)).ToArray();
        var clients = owned.Select((keys, i) => new UpdateClient(store, keys, value, windows[i])).ToArray();
        var stop = PhaseStop.WhenTold(cancellationToken);
        var writing = ClosedLoop.RunAsync(clients, stop);

        long revision;
        try
        {
            // The writes before compaction are the baseline the pause is judged against.
            await Task.Delay(Baseline(options.Duration), cancellationToken);
            revision = await store.CurrentRevisionAsync(cancellationToken);
            times.MarkStarted(Stopwatch.GetTimestamp());
            await store.CompactAsync(revision, cancellationToken);
            times.MarkEnded(Stopwatch.GetTimestamp());
        }
        catch
        {
            stop.Stop();
            await IgnoreFailureAsync(writing);
            throw;
        }

        stop.Stop();
        await writing;

        var before = new LatencyHistogram();
        var during = new LatencyHistogram();
        foreach (var window in windows)
        {
            before.Add(window.Before);
            during.Add(window.During);
        }

        return new CompactionResult(
            revision,
            options.Writers,
            LatencySummary.Milliseconds(times.Ended - times.Started),
            during.Count,
            LatencySummary.Milliseconds(during.Max),
            LatencySummary.Milliseconds(during.ValueAt(0.50)),
            LatencySummary.Milliseconds(during.ValueAt(0.99)),
            LatencySummary.Milliseconds(before.ValueAt(0.99)),
            LatencySummary.Milliseconds(before.Max));
    }

    private static TimeSpan Baseline(TimeSpan duration) =>
        TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 2, 0.2, 2));

    private static async Task IgnoreFailureAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The compaction's own failure is the one reported.
        }
    }
}
