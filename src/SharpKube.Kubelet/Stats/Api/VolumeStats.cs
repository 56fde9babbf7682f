namespace SharpKube.Kubelet.Stats.Api;

/// <summary>A pod volume's usage: upstream's VolumeStats, an FsStats with the volume's name.</summary>
public sealed record VolumeStats
{
    /// <summary>When the figures were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The volume's name in the pod spec.</summary>
    public required string Name { get; init; }

    /// <summary>Bytes free on the volume's filesystem.</summary>
    public ulong? AvailableBytes { get; init; }

    /// <summary>The size of the volume's filesystem.</summary>
    public ulong? CapacityBytes { get; init; }

    /// <summary>Bytes the volume's files use.</summary>
    public ulong? UsedBytes { get; init; }

    /// <summary>Free inodes on the volume's filesystem.</summary>
    public ulong? InodesFree { get; init; }

    /// <summary>The inodes of the volume's filesystem.</summary>
    public ulong? Inodes { get; init; }

    /// <summary>Inodes the volume's files use.</summary>
    public ulong? InodesUsed { get; init; }
}
