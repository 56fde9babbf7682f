namespace SharpKube.Kubelet.Images;

/// <summary>What a <see cref="LayerEntry"/> puts into an image's root filesystem.</summary>
public enum LayerEntryKind
{
    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file with its content.</summary>
    RegularFile,

    /// <summary>A symbolic link to <see cref="LayerEntry.LinkTarget"/>.</summary>
    SymbolicLink,
}
