namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>The API server a run measures — started by the run or already running — and what can be seen of its process.</summary>
internal interface IServerUnderTest : IAsyncDisposable
{
    /// <summary>How the server runs.</summary>
    ServerMode Mode { get; }

    /// <summary>The HTTPS URL the clients use.</summary>
    Uri Url { get; }

    /// <summary>The admin kubeconfig the clients authenticate with.</summary>
    string KubeconfigPath { get; }

    /// <summary>What was measured, in words, for the report: the mode, the process and the datastore.</summary>
    string Description { get; }

    /// <summary>The server's own CPU time so far, when it runs in a process of its own that the run can see.</summary>
    TimeSpan? CpuTime();

    /// <summary>The server's memory now, when the run can measure it.</summary>
    ServerMemorySample? MeasureMemory();

    /// <summary>How the server's process ended, with its last output, if it has; null while it runs or when the run cannot tell.</summary>
    string? ExitedWith();
}
