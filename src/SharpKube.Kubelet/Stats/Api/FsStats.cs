namespace SharpKube.Kubelet.Stats.Api;

/// <summary>A filesystem's size and what a consumer (the node, a volume, a container's logs) uses of it; <see cref="VolumeStats"/> extends it.</summary>
public record FsStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Bytes free for unprivileged users.</summary>
    public ulong? AvailableBytes { get; init; }

    /// <summary>The filesystem's size.</summary>
    public ulong? CapacityBytes { get; init; }

    /// <summary>Bytes the consumer uses (for the node: the whole filesystem's used bytes).</summary>
    public ulong? UsedBytes { get; init; }

    /// <summary>Free inodes.</summary>
    public ulong? InodesFree { get; init; }

    /// <summary>The filesystem's inodes.</summary>
    public ulong? Inodes { get; init; }

    /// <summary>Inodes the consumer uses.</summary>
    public ulong? InodesUsed { get; init; }
}
