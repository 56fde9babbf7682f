namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>The JSON document <c>sharpkube bench storage</c> prints and writes.</summary>
/// <param name="Benchmark">Always "storage".</param>
/// <param name="SharpKubeVersion">The version of the sharpkube binary that ran it.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="CommandLine">The command that ran it.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Settings">The workload.</param>
/// <param name="Drivers">The results, one per driver measured, in the order they ran.</param>
/// <param name="Failures">The drivers that could not be measured (the run exits with code 1 when there is one).</param>
internal sealed record StorageBenchReport(
    string Benchmark,
    string SharpKubeVersion,
    DateTimeOffset StartedAt,
    string CommandLine,
    MachineInfo Machine,
    StorageBenchSettings Settings,
    IReadOnlyList<DriverResult> Drivers,
    IReadOnlyList<DriverFailure> Failures);
