namespace SharpKube.Kubelet.Stats.Api;

/// <summary>
/// A network namespace's traffic: the default interface's counters inline (as upstream embeds its InterfaceStats) and
/// every interface but loopback in <see cref="Interfaces"/>.
/// </summary>
public sealed record NetworkStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The default interface's name.</summary>
    public required string Name { get; init; }

    /// <summary>Bytes received on the default interface.</summary>
    public ulong? RxBytes { get; init; }

    /// <summary>Receive errors on the default interface.</summary>
    public ulong? RxErrors { get; init; }

    /// <summary>Bytes sent on the default interface.</summary>
    public ulong? TxBytes { get; init; }

    /// <summary>Transmit errors on the default interface.</summary>
    public ulong? TxErrors { get; init; }

    /// <summary>Every interface but loopback.</summary>
    public required IReadOnlyList<InterfaceStats> Interfaces { get; init; }
}
