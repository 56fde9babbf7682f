namespace SharpKube.Cli.Bench.Streaming;

/// <summary>What <c>sharpkube bench streaming</c> runs.</summary>
internal sealed record StreamingBenchOptions
{
    /// <summary>Sequential <c>kubectl exec pod -- true</c> runs (and as many WebSocket execs by the benchmark's own client).</summary>
    public int Execs { get; init; } = 50;

    /// <summary>The size of the file the pod serves and each download fetches, in MiB.</summary>
    public int FileMiB { get; init; } = 64;

    /// <summary>Downloads through the forward and straight from the pod IP, each.</summary>
    public int Downloads { get; init; } = 5;

    /// <summary>The kubectl binary to drive.</summary>
    public string Kubectl { get; init; } = "kubectl";

    /// <summary>How long node Ready and the pod's start may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>The cluster's data directory; null makes a temporary one, removed afterwards.</summary>
    public string? DataDir { get; init; }

    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "";
}
