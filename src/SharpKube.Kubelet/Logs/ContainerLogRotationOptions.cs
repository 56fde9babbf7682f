namespace SharpKube.Kubelet.Logs;

/// <summary>When container logs are rotated and how many files are kept (upstream's kubelet defaults).</summary>
public sealed record ContainerLogRotationOptions
{
    /// <summary>A log is rotated once it reaches this size (<c>containerLogMaxSize</c>, 10 MiB).</summary>
    public long MaxSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Files kept per container, the current one included (<c>containerLogMaxFiles</c>, 5).</summary>
    public int MaxFiles { get; init; } = 5;
}
