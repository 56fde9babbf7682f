namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>Watch fan-out while writers write at full speed.</summary>
/// <param name="Watchers">Watchers on the phase's prefix.</param>
/// <param name="Writers">Concurrent writers.</param>
/// <param name="EventsWritten">Writes made under the prefix: the events each watcher must receive.</param>
/// <param name="WritesPerSecond">Write throughput while the watchers ran.</param>
/// <param name="EventsPerWatcherMin">The fewest of those events any watcher received.</param>
/// <param name="EventsPerWatcherMax">The most of those events any watcher received.</param>
/// <param name="WatchersWithEveryRevision">Watchers that received every written revision, once each, in order.</param>
/// <param name="EveryWatcherSawEveryRevision">Whether all of them did (the contract requires it).</param>
/// <param name="Restarts">Watches re-established after the store cut off a slow watcher (resuming from the last revision seen).</param>
/// <param name="CatchUpMs">From the last write until the last watcher had received it.</param>
/// <param name="Lag">Delivery lag: when a watcher received an event minus when the writer's call for that revision returned (0 if earlier).</param>
/// <param name="Error">The first error a watcher ended with, if any.</param>
internal sealed record WatchResult(
    int Watchers,
    int Writers,
    long EventsWritten,
    double WritesPerSecond,
    long EventsPerWatcherMin,
    long EventsPerWatcherMax,
    int WatchersWithEveryRevision,
    bool EveryWatcherSawEveryRevision,
    long Restarts,
    double CatchUpMs,
    LatencySummary Lag,
    string? Error);
