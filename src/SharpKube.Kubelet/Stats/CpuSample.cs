namespace SharpKube.Kubelet.Stats;

/// <summary>A cumulative CPU reading and when it was taken.</summary>
/// <param name="Time">When it was read.</param>
/// <param name="UsageNanoseconds">The CPU time used so far, in core-nanoseconds.</param>
public readonly record struct CpuSample(DateTimeOffset Time, ulong UsageNanoseconds);
