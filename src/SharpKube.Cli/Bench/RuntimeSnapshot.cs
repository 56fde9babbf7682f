namespace SharpKube.Cli.Bench;

/// <summary>
/// Process-wide runtime counters — collections, GC pause, bytes allocated, CPU time — read before and after a phase,
/// so a result shows what the phase cost the runtime as well as how fast it went.
/// </summary>
internal readonly record struct RuntimeSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long AllocatedBytes, TimeSpan CpuTime)
{
    /// <summary>The counters now.</summary>
    public static RuntimeSnapshot Take() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes(precise: false),
        Environment.CpuUsage.TotalTime);

    /// <summary>What happened between <paramref name="before"/> and this snapshot, over <paramref name="elapsed"/>, for <paramref name="operations"/> operations.</summary>
    public RuntimeCost Since(RuntimeSnapshot before, TimeSpan elapsed, long operations) => new(
        operations > 0 ? Math.Round((double)(AllocatedBytes - before.AllocatedBytes) / operations, 1) : 0,
        Gen0 - before.Gen0,
        Gen1 - before.Gen1,
        Gen2 - before.Gen2,
        Math.Round((GcPause - before.GcPause).TotalMilliseconds, 3),
        elapsed > TimeSpan.Zero ? Math.Round(100 * (CpuTime - before.CpuTime).TotalSeconds / elapsed.TotalSeconds, 1) : 0);
}
