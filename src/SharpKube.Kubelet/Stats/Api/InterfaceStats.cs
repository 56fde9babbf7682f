namespace SharpKube.Kubelet.Stats.Api;

/// <summary>One network interface's cumulative counters, from <c>/proc/&lt;pid&gt;/net/dev</c>.</summary>
public sealed record InterfaceStats
{
    /// <summary>The interface's name.</summary>
    public required string Name { get; init; }

    /// <summary>Bytes received.</summary>
    public ulong? RxBytes { get; init; }

    /// <summary>Receive errors.</summary>
    public ulong? RxErrors { get; init; }

    /// <summary>Bytes sent.</summary>
    public ulong? TxBytes { get; init; }

    /// <summary>Transmit errors.</summary>
    public ulong? TxErrors { get; init; }
}
