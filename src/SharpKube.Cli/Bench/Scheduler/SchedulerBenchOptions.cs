namespace SharpKube.Cli.Bench.Scheduler;

/// <summary>What <c>sharpkube bench scheduler</c> runs, as given on its command line.</summary>
internal sealed record SchedulerBenchOptions
{
    /// <summary>The workloads, by name, in order.</summary>
    public IReadOnlyList<string> Workloads { get; init; } = ["SchedulingBasic"];

    /// <summary>Overrides every workload's node count.</summary>
    public int? Nodes { get; init; }

    /// <summary>Overrides every workload's init pod count.</summary>
    public int? InitPods { get; init; }

    /// <summary>Overrides every workload's measured pod count.</summary>
    public int? MeasurePods { get; init; }

    /// <summary>The concurrent clients creating pods, each with its own connection.</summary>
    public int Clients { get; init; } = 16;

    /// <summary>How long each phase may take before the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The command line, reported with the results.</summary>
    public string CommandLine { get; init; } = "sharpkube bench scheduler";
}
