namespace SharpKube.Cli.Bench.Controllers;

/// <summary>What <c>sharpkube bench controllers</c> runs, as given on its command line.</summary>
internal sealed record ControllersBenchOptions
{
    /// <summary>The Deployments created at once.</summary>
    public int Deployments { get; init; } = 100;

    /// <summary>The replicas of each Deployment.</summary>
    public int Replicas { get; init; } = 50;

    /// <summary>The concurrent clients that create and delete the Deployments, each with its own connection.</summary>
    public int Clients { get; init; } = 16;

    /// <summary>How long each phase may take, from its first request, before the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The API server's data directory; null for a new temporary directory, deleted afterwards.</summary>
    public string? DataDir { get; init; }

    /// <summary>The command line, reported with the results.</summary>
    public string CommandLine { get; init; } = "sharpkube bench controllers";
}
