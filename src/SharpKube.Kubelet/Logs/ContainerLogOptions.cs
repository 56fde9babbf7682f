namespace SharpKube.Kubelet.Logs;

/// <summary>
/// What part of a container's log to send and how, as the kubelet's <c>containerLogs</c> endpoint receives it
/// (<c>sinceSeconds</c> is already turned into <see cref="SinceTime"/>).
/// </summary>
public sealed record ContainerLogOptions
{
    /// <summary>Keep streaming new lines until the container stops running or the reader is cancelled.</summary>
    public bool Follow { get; init; }

    /// <summary>Only the last this many lines (whole lines, a long line split into partial chunks counts once); null for all.</summary>
    public long? TailLines { get; init; }

    /// <summary>Only lines logged at or after this time; null for all.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>Prefix every line with the time it was logged (RFC 3339 with nanoseconds) and a space.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Stop after sending this many bytes (the last line may be cut); null for no limit.</summary>
    public long? LimitBytes { get; init; }
}
