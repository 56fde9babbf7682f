using System.Diagnostics;
using SharpKube.Cli.Bench.Storage.Results;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// Watch delivery under load: many watchers on one prefix while writers create keys under it at full speed.
/// </summary>
internal static class WatchPhase
{
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);

    public static async Task<WatchResult> RunAsync(
        IKeyValueStore store, string prefix, StorageBenchOptions options, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var startKey = prefix + "start";
        var endKey = prefix + "end";
        var baseRevision = await store.CurrentRevisionAsync(cancellationToken);
        var clock = new RevisionClock(baseRevision);
        var watchers = Enumerable.Range(0, options.Watchers)
            .Select(_ => new BenchWatcher(store, prefix, clock, startKey, endKey))
            .ToArray();

        using var stopWatchers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watchers.Select(w => Task.Run(() => w.RunAsync(baseRevision, stopWatchers.Token))).ToArray();
        try
        {
            // Writers start only once every watcher is live, so no event is served from history.
            await store.CreateAsync(startKey, value, cancellationToken: cancellationToken);
            await Task.WhenAll(watchers.Select(w => w.Ready)).WaitAsync(_readyTimeout, cancellationToken);

            var writers = Enumerable.Range(0, options.Writers)
                .Select(i => new CreateClient(store, prefix, i, value, clock))
                .ToArray();
            var writes = await ClosedLoop.RunAsync(writers, PhaseStop.After(options.Duration, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();

            var lastWrite = Stopwatch.GetTimestamp();
            await store.CreateAsync(endKey, value, cancellationToken: cancellationToken);
            var catchUpLimit = TimeSpan.FromSeconds(Math.Max(30, 10 * options.Duration.TotalSeconds));
            try
            {
                await Task.WhenAll(watching).WaitAsync(catchUpLimit, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Watchers still behind are stopped, and reported as incomplete.
            }

            var catchUp = Stopwatch.GetElapsedTime(lastWrite);
            await stopWatchers.CancelAsync();
            await Task.WhenAll(watching);
            return Summarise(watchers, writes, catchUp);
        }
        finally
        {
            await stopWatchers.CancelAsync();
            await Task.WhenAll(watching);
        }
    }

    private static WatchResult Summarise(BenchWatcher[] watchers, ClosedLoopResult writes, TimeSpan catchUp)
    {
        var lag = new LatencyHistogram();
        var complete = 0;
        foreach (var w in watchers)
        {
            lag.Add(w.Lag);
            if (w.Error is null && w.SawEnd && w.InOrder && w.Events == writes.Operations)
            {
                complete++;
            }
        }

        return new WatchResult(
            watchers.Length,
            writes.Clients,
            writes.Operations,
            Math.Round(writes.OpsPerSecond, 1),
            watchers.Min(w => w.Events),
            watchers.Max(w => w.Events),
            complete,
            complete == watchers.Length,
            watchers.Sum(w => w.Restarts),
            Math.Round(catchUp.TotalMilliseconds, 3),
            LatencySummary.From(lag),
            watchers.Select(w => w.Error?.Message).FirstOrDefault(m => m is not null));
    }
}
