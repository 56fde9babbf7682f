namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>A compaction of the whole history, made while writers keep writing.</summary>
/// <param name="Revision">The revision compacted (the store's current revision when compaction started).</param>
/// <param name="Writers">Concurrent writers during compaction.</param>
/// <param name="DurationMs">How long the compaction call took.</param>
/// <param name="WritesDuring">Writes in flight at any time during the compaction.</param>
/// <param name="PauseMs">The longest single write overlapping the compaction: how long compaction can stall a writer.</param>
/// <param name="P50DuringMs">The median latency of writes overlapping the compaction.</param>
/// <param name="P99DuringMs">The 99th percentile latency of writes overlapping the compaction.</param>
/// <param name="BaselineP99Ms">The 99th percentile latency of the same writers just before compaction started.</param>
/// <param name="BaselineMaxMs">The longest write just before compaction started: stalls that happen without it (GC, scheduling).</param>
internal sealed record CompactionResult(
    long Revision,
    int Writers,
    double DurationMs,
    long WritesDuring,
    double PauseMs,
    double P50DuringMs,
    double P99DuringMs,
    double BaselineP99Ms,
    double BaselineMaxMs);
