namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// Sorts one writer's write latencies into "before compaction" and "overlapping compaction", by comparing each
/// write's start and end with when the compaction call started and returned. One instance per writer.
/// </summary>
internal sealed class CompactionWindow
{
    private readonly CompactionTimes _times;

    public CompactionWindow(CompactionTimes times)
    {
        _times = times;
    }

    /// <summary>Writes that finished before compaction started.</summary>
    public LatencyHistogram Before { get; } = new();

    /// <summary>Writes in flight at some moment of the compaction.</summary>
    public LatencyHistogram During { get; } = new();

    /// <summary>Classifies one write.</summary>
    public void Record(long startTimestamp, long endTimestamp)
    {
        var compactionStart = _times.Started;
        if (compactionStart == 0 || endTimestamp < compactionStart)
        {
            Before.RecordBetween(startTimestamp, endTimestamp);
            return;
        }

        var compactionEnd = _times.Ended;
        if (compactionEnd == 0 || startTimestamp <= compactionEnd)
        {
            During.RecordBetween(startTimestamp, endTimestamp);
        }
    }
}
