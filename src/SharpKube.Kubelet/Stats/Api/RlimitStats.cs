namespace SharpKube.Kubelet.Stats.Api;

/// <summary>How many processes the node may run and runs.</summary>
public sealed record RlimitStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The kernel's pid limit (<c>kernel.pid_max</c>).</summary>
    public long? Maxpid { get; init; }

    /// <summary>Processes (threads, as the kernel counts them) now.</summary>
    public long? Curproc { get; init; }
}
