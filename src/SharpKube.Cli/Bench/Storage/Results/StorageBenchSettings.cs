namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>The workload every driver ran.</summary>
/// <param name="Drivers">The drivers, in the order they ran.</param>
/// <param name="Writers">The concurrent writers of the multi-writer phases (single-writer phases always run too).</param>
/// <param name="DurationSeconds">How long each timed phase ran.</param>
/// <param name="ValueSizeBytes">The size of every value written.</param>
/// <param name="Watchers">The watchers of the watch phase.</param>
/// <param name="ListKeys">The keys under the listed prefix.</param>
internal sealed record StorageBenchSettings(
    IReadOnlyList<string> Drivers,
    int Writers,
    double DurationSeconds,
    int ValueSizeBytes,
    int Watchers,
    int ListKeys);
