namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>When the compaction call started and returned (Stopwatch timestamps; 0 = not yet), shared with the writers.</summary>
internal sealed class CompactionTimes
{
    private long _started;
    private long _ended;

    /// <summary>When the compaction call started, or 0.</summary>
    public long Started => Volatile.Read(ref _started);

    /// <summary>When the compaction call returned, or 0.</summary>
    public long Ended => Volatile.Read(ref _ended);

    public void MarkStarted(long timestamp) => Volatile.Write(ref _started, timestamp);

    public void MarkEnded(long timestamp) => Volatile.Write(ref _ended, timestamp);
}
