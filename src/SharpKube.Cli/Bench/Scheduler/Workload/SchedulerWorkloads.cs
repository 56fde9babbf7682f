namespace SharpKube.Cli.Bench.Scheduler.Workload;

/// <summary>
/// The workloads <c>sharpkube bench scheduler</c> runs, after upstream's scheduler_perf performance configurations
/// (<c>misc/</c>, <c>affinity/</c>, <c>topology_spreading/</c>) at the sizes that carry CI thresholds.
/// </summary>
internal static class SchedulerWorkloads
{
    private static readonly string[] AntiAffinityNamespaces = [SchedulerWorkload.MeasureNamespace, SchedulerWorkload.InitNamespace];

    /// <summary>Every workload, by name.</summary>
    public static IReadOnlyList<SchedulerWorkload> All { get; } =
    [
        new("SchedulingBasic", "SchedulingBasic/5000Nodes_10000Pods", 5000, 3, 1000, 10_000, 680, BenchPods.Default, BenchPods.Default),
        new("SchedulingBasic50k", "SchedulingBasic/5000Nodes_50000Pods", 5000, 3, 5000, 50_000, 810, BenchPods.Default, BenchPods.Default),
        new("PodAntiAffinity", "SchedulingPodAntiAffinity/5000Nodes_2000Pods", 5000, 3, 1000, 2000, 60,
            n => BenchPods.RequiredAntiAffinity(n, AntiAffinityNamespaces), n => BenchPods.RequiredAntiAffinity(n, AntiAffinityNamespaces)),
        new("PodMatchingAntiAffinity", "SchedulingPodMatchingAntiAffinity/5000Nodes_5000Pods", 5000, 3, 1000, 5000, 595,
            n => BenchPods.RequiredAntiAffinity(n, AntiAffinityNamespaces), BenchPods.MatchingAntiAffinityLabel),
        // Upstream labels every node zone1 and asks for zone1 or zone2: one zone here, asked for with another.
        new("NodeAffinity", "SchedulingNodeAffinity/5000Nodes_10000Pods", 5000, 1, 5000, 10_000, 220,
            BenchPods.Default, n => BenchPods.RequiredNodeAffinity(n, ["zone-a", "zone-b"])),
        new("TopologySpreading", "TopologySpreading/5000Nodes_5000Pods", 5000, 3, 5000, 5000, 460, BenchPods.Default, BenchPods.ZoneSpread),
        new("Preemption", "PreemptionBasic/1000Nodes", 1000, 3, 4000, 1000, null, BenchPods.LowPriority, BenchPods.HighPriority)
        {
            NeedsPriorityClass = true,
        },
    ];

    /// <summary>The workload named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static SchedulerWorkload? Find(string name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for help and errors.</summary>
    public static string Names => string.Join(", ", All.Select(w => w.Name));
}
