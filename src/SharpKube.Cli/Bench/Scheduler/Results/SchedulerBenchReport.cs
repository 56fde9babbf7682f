namespace SharpKube.Cli.Bench.Scheduler.Results;

/// <summary>The JSON document <c>sharpkube bench scheduler</c> prints and writes.</summary>
/// <param name="Benchmark">Always "scheduler".</param>
/// <param name="SharpKubeVersion">The version of the sharpkube binary that ran it.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="CommandLine">The command that ran it.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Setup">The processes of each workload's cluster, in words.</param>
/// <param name="Clients">Concurrent clients creating pods.</param>
/// <param name="Workloads">Each workload's figures.</param>
internal sealed record SchedulerBenchReport(
    string Benchmark,
    string SharpKubeVersion,
    DateTimeOffset StartedAt,
    string CommandLine,
    MachineInfo Machine,
    IReadOnlyList<string> Setup,
    int Clients,
    IReadOnlyList<WorkloadResult> Workloads);
