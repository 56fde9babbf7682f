namespace SharpKube.Kubelet.Volumes;

/// <summary>The file type bits of a Unix mode (<c>S_IFMT</c>), as hostPath type checks distinguish them.</summary>
internal enum UnixFileKind
{
    /// <summary>A FIFO.</summary>
    Fifo = 0x1000,

    /// <summary>A character device.</summary>
    CharacterDevice = 0x2000,

    /// <summary>A directory.</summary>
    Directory = 0x4000,

    /// <summary>A block device.</summary>
    BlockDevice = 0x6000,

    /// <summary>A regular file.</summary>
    RegularFile = 0x8000,

    /// <summary>A symbolic link (seen only when not following links).</summary>
    SymbolicLink = 0xA000,

    /// <summary>A Unix domain socket.</summary>
    Socket = 0xC000,
}
