namespace SharpKube.Cli.Bench.PodStartup;

/// <summary>What <c>sharpkube bench pod-startup</c> runs.</summary>
internal sealed record PodStartupBenchOptions
{
    /// <summary>Pods created at once in the batch phase.</summary>
    public int Pods { get; init; } = 30;

    /// <summary>How long each phase (node Ready, a start, a delete) may take before the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The cluster's data directory; null makes a temporary one, removed afterwards.</summary>
    public string? DataDir { get; init; }

    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "";
}
