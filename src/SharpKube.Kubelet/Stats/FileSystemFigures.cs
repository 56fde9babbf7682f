using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>A filesystem's size and free space (<c>statvfs</c>), in bytes and inodes.</summary>
/// <param name="CapacityBytes">The filesystem's size.</param>
/// <param name="FreeBytes">Bytes free, the root-reserved ones included.</param>
/// <param name="AvailableBytes">Bytes free for unprivileged users.</param>
/// <param name="Inodes">The filesystem's inodes.</param>
/// <param name="InodesFree">Free inodes.</param>
public readonly record struct FileSystemFigures(ulong CapacityBytes, ulong FreeBytes, ulong AvailableBytes, ulong Inodes, ulong InodesFree)
{
    /// <summary>Bytes in use.</summary>
    public ulong UsedBytes => CapacityBytes > FreeBytes ? CapacityBytes - FreeBytes : 0;

    /// <summary>Inodes in use.</summary>
    public ulong InodesUsed => Inodes > InodesFree ? Inodes - InodesFree : 0;

    /// <summary>
    /// The summary's form, read at <paramref name="time"/>: the filesystem's size and free space, and what a consumer
    /// uses of it (the whole filesystem's use when not given).
    /// </summary>
    public FsStats ToApi(DateTimeOffset time, ulong? usedBytes = null, ulong? inodesUsed = null) => new()
    {
        Time = time,
        AvailableBytes = AvailableBytes,
        CapacityBytes = CapacityBytes,
        UsedBytes = usedBytes ?? UsedBytes,
        InodesFree = InodesFree,
        Inodes = Inodes,
        InodesUsed = inodesUsed ?? InodesUsed,
    };
}
