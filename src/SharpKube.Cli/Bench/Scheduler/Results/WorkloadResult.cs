namespace SharpKube.Cli.Bench.Scheduler.Results;

/// <summary>One workload's run.</summary>
/// <param name="Name">The workload, as named on the command line.</param>
/// <param name="Upstream">Upstream's scheduler_perf workload it follows.</param>
/// <param name="Nodes">Hollow nodes.</param>
/// <param name="Zones">Zones the nodes are spread over.</param>
/// <param name="InitPods">Pods scheduled before measuring.</param>
/// <param name="MeasurePods">Pods measured.</param>
/// <param name="UpstreamThreshold">Upstream's CI threshold (average pods/s), when it has one.</param>
/// <param name="NodesRegisteredSeconds">From starting the hollow nodes to every node registered.</param>
/// <param name="SchedulerStartSeconds">From starting the scheduler to its caches synced and its loop started.</param>
/// <param name="InitSeconds">From the first init pod create to the last init pod scheduled.</param>
/// <param name="MeasureSeconds">From the first measured pod create to the last measured pod scheduled.</param>
/// <param name="Throughput">Scheduling throughput of the measured pods.</param>
/// <param name="AttemptLatency">Successful scheduling attempts over the measured phase.</param>
/// <param name="PodCreates">The measured pods' create requests, as the clients saw them.</param>
/// <param name="Processes">CPU and memory of each process over the measured phase.</param>
/// <param name="SchedulerRssBytes">The scheduler's resident memory at the end, every pod scheduled.</param>
/// <param name="SchedulerPeakRssBytes">The most resident memory the scheduler had (VmHWM).</param>
internal sealed record WorkloadResult(
    string Name,
    string Upstream,
    int Nodes,
    int Zones,
    int InitPods,
    int MeasurePods,
    double? UpstreamThreshold,
    double NodesRegisteredSeconds,
    double SchedulerStartSeconds,
    double InitSeconds,
    double MeasureSeconds,
    ThroughputSummary Throughput,
    AttemptLatency AttemptLatency,
    LatencySummary PodCreates,
    IReadOnlyList<ProcessUsage> Processes,
    long? SchedulerRssBytes,
    long? SchedulerPeakRssBytes);
