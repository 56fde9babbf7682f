using k8s.Models;

namespace SharpKube.Cli.Bench.Scheduler.Workload;

/// <summary>
/// One scheduler_perf-shaped workload: a fresh cluster of hollow nodes (4 CPU, 32Gi, 110 pods, as upstream's
/// <c>node-default.yaml</c>), pods created and scheduled first (<see cref="InitPods"/>, not measured), then the
/// measured pods, created as fast as the clients go while the scheduler places them.
/// </summary>
/// <param name="Name">The name on the command line (<c>--workload</c>).</param>
/// <param name="Upstream">Upstream's workload it follows, <c>Test/Workload</c>.</param>
/// <param name="Nodes">The hollow nodes.</param>
/// <param name="Zones">The zones the nodes are spread over (<c>zone-a</c>, …).</param>
/// <param name="InitPods">The pods scheduled before measuring.</param>
/// <param name="MeasurePods">The pods measured.</param>
/// <param name="Threshold">Upstream's CI threshold for the workload (average pods/s), if it has one.</param>
/// <param name="InitPod">The init pod with a given name.</param>
/// <param name="MeasurePod">The measured pod with a given name.</param>
internal sealed record SchedulerWorkload(
    string Name,
    string Upstream,
    int Nodes,
    int Zones,
    int InitPods,
    int MeasurePods,
    double? Threshold,
    Func<string, V1Pod> InitPod,
    Func<string, V1Pod> MeasurePod)
{
    /// <summary>The namespace of the init pods.</summary>
    public const string InitNamespace = "sched-0";

    /// <summary>The namespace of the measured pods.</summary>
    public const string MeasureNamespace = "sched-1";

    /// <summary>Whether the workload needs the preemptors' PriorityClass.</summary>
    public bool NeedsPriorityClass { get; init; }

    /// <summary>The same workload at other sizes (a command line's <c>--nodes</c>, <c>--init-pods</c>, <c>--measure-pods</c>).</summary>
    public SchedulerWorkload Resized(int? nodes, int? initPods, int? measurePods) => this with
    {
        Nodes = nodes ?? Nodes,
        InitPods = initPods ?? InitPods,
        MeasurePods = measurePods ?? MeasurePods,
    };
}
