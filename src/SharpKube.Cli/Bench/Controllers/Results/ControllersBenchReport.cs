namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>The JSON document <c>sharpkube bench controllers</c> prints and writes.</summary>
/// <param name="Benchmark">Always "controllers".</param>
/// <param name="SharpKubeVersion">The version of the sharpkube binary that ran it.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="CommandLine">The command that ran it.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="ApiServer">The API server, in words.</param>
/// <param name="ControllerManager">The controller manager measured, in words.</param>
/// <param name="Settings">The workload.</param>
/// <param name="ControllerManagerReadySeconds">From starting the controller manager to its first ReplicaSet (a one-replica warm-up Deployment) reporting its pod.</param>
/// <param name="Create">The rollout of every Deployment at once.</param>
/// <param name="Delete">The deletion of every Deployment and the garbage collection of what they owned.</param>
/// <param name="ControllerManagerLog">What the controller manager logged over the run.</param>
/// <param name="Upstream">Upstream's floor for the same rollout.</param>
internal sealed record ControllersBenchReport(
    string Benchmark,
    string SharpKubeVersion,
    DateTimeOffset StartedAt,
    string CommandLine,
    MachineInfo Machine,
    string ApiServer,
    string ControllerManager,
    ControllersBenchSettings Settings,
    double ControllerManagerReadySeconds,
    CreatePhaseResult Create,
    DeletePhaseResult Delete,
    ControllerManagerLogSummary ControllerManagerLog,
    UpstreamAnchor Upstream);
