namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>A server that was running before the benchmark: only its API is seen, not its process.</summary>
internal sealed class ExternalServer : IServerUnderTest
{
    public ExternalServer(Uri url, string kubeconfigPath)
    {
        Url = url;
        KubeconfigPath = kubeconfigPath;
    }

    /// <inheritdoc />
    public ServerMode Mode => ServerMode.External;

    /// <inheritdoc />
    public Uri Url { get; }

    /// <inheritdoc />
    public string KubeconfigPath { get; }

    /// <inheritdoc />
    public string Description => $"existing server at {Url}";

    /// <inheritdoc />
    public TimeSpan? CpuTime() => null;

    /// <inheritdoc />
    public ServerMemorySample? MeasureMemory() => null;

    /// <inheritdoc />
    public string? ExitedWith() => null;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
