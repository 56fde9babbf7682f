namespace SharpKube.Kubelet.Images;

/// <summary>
/// One directory, regular file or symbolic link of a single-layer root filesystem, owned by root and dated 1970 so that
/// the same entries always give the same layer bytes.
/// </summary>
public sealed class LayerEntry
{
    /// <summary>rwxr-xr-x (0755): directories (and parents added implicitly) and executables.</summary>
    public const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0x1ED;

    /// <summary>rwxr-xr-x (0755), for executables.</summary>
    public const UnixFileMode ExecutableMode = (UnixFileMode)0x1ED;

    /// <summary>rw-r--r-- (0644), for other files.</summary>
    public const UnixFileMode ReadableMode = (UnixFileMode)0x1A4;

    private LayerEntry(LayerEntryKind kind, string path, UnixFileMode mode, ReadOnlyMemory<byte> content, string linkTarget)
    {
        Kind = kind;
        Path = Normalize(path);
        Mode = mode;
        Content = content;
        LinkTarget = linkTarget;
    }

    /// <summary>What the entry is.</summary>
    public LayerEntryKind Kind { get; }

    /// <summary>The path inside the root filesystem, relative and without a trailing slash (<c>bin/sh</c>).</summary>
    public string Path { get; }

    /// <summary>The permission bits (including setuid, setgid and sticky).</summary>
    public UnixFileMode Mode { get; }

    /// <summary>A regular file's bytes; empty for the other kinds.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>A symbolic link's target as written (relative or absolute); empty for the other kinds.</summary>
    public string LinkTarget { get; }

    /// <summary>A directory at <paramref name="path"/> with permissions <paramref name="mode"/> (0755 when not given).</summary>
    public static LayerEntry Directory(string path, UnixFileMode mode = DefaultDirectoryMode) =>
        new(LayerEntryKind.Directory, path, mode, ReadOnlyMemory<byte>.Empty, "");

    /// <summary>A regular file at <paramref name="path"/> holding <paramref name="content"/>.</summary>
    public static LayerEntry File(string path, ReadOnlyMemory<byte> content, UnixFileMode mode) =>
        new(LayerEntryKind.RegularFile, path, mode, content, "");

    /// <summary>A symbolic link at <paramref name="path"/> pointing at <paramref name="target"/>.</summary>
    public static LayerEntry Symlink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        // Links carry no permissions of their own; 0777 is what every file system reports for them.
        return new(LayerEntryKind.SymbolicLink, path, (UnixFileMode)0x1FF, ReadOnlyMemory<byte>.Empty, target);
    }

    private static string Normalize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var trimmed = path.Trim('/');
        var segments = trimmed.Split('/');
        if (trimmed.Length == 0 || segments.Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"\"{path}\" is not a path inside the root filesystem", nameof(path));
        }

        return trimmed;
    }
}
