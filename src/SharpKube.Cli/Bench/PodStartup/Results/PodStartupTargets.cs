namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>SharpKube's targets for the kubelet's pod start, and whether this run met each.</summary>
/// <param name="SinglePodP50Ms">Single pod create-to-Running p50 limit.</param>
/// <param name="BatchP99Ms">Batch create-to-Running p99 limit.</param>
/// <param name="OverheadP99Ms">Kubelet overhead (start latency minus time inside CRI calls) p99 limit, over every measured pod.</param>
/// <param name="KubeletRssMiB">Kubelet RSS limit with the batch running.</param>
/// <param name="SinglePodP50Met">Whether the single pod's p50 was within its limit.</param>
/// <param name="BatchP99Met">Whether the batch's p99 was.</param>
/// <param name="OverheadP99Met">Whether the overhead's p99 was.</param>
/// <param name="KubeletRssMet">Whether the kubelet's RSS was.</param>
internal sealed record PodStartupTargets(
    double SinglePodP50Ms,
    double BatchP99Ms,
    double OverheadP99Ms,
    double KubeletRssMiB,
    bool SinglePodP50Met,
    bool BatchP99Met,
    bool OverheadP99Met,
    bool KubeletRssMet)
{
    /// <summary>Judges <paramref name="single"/> and <paramref name="batch"/>.</summary>
    public static PodStartupTargets Judge(StartupPhaseResult single, StartupPhaseResult batch)
    {
        const double singleP50 = 1000, batchP99 = 8000, overheadP99 = 150, rssMiB = 100;
        var overhead = Math.Max(single.KubeletOverhead.P99Ms, batch.KubeletOverhead.P99Ms);
        return new PodStartupTargets(singleP50, batchP99, overheadP99, rssMiB,
            single.CreateToRunning.P50Ms <= singleP50,
            batch.CreateToRunning.P99Ms <= batchP99,
            overhead <= overheadP99,
            batch.Kubelet.RssBytes is { } rss && rss <= rssMiB * 1024 * 1024);
    }
}
