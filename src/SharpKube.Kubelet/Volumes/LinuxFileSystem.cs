using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The few Linux calls .NET does not expose that volumes need: mount and unmount, the file type of a path (sockets
/// and devices), the canonical path with every symlink resolved, and group ownership.
/// </summary>
/// <remarks>
/// Paths go to libc as NUL-terminated UTF-8 byte arrays so the calls marshal without unsafe code or string
/// marshalling rules. <c>statx</c> is used instead of <c>stat</c> because its buffer has the same layout on every
/// architecture.
/// </remarks>
[UnsupportedOSPlatform("windows")]
internal static class LinuxFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxBufferSize = 256;
    private const int StatxModeOffset = 28;
    private const int MntDetach = 0x2;
    private const int PathMax = 4096;

    /// <summary>Mounts a tmpfs at <paramref name="target"/> with the comma-separated <paramref name="options"/>.</summary>
    public static void MountTmpfs(string target, string options)
    {
        if (mount(Utf8("tmpfs"), Utf8(target), Utf8("tmpfs"), 0, Utf8(options)) != 0)
        {
            throw Failure($"mount tmpfs at {target} ({options})");
        }
    }

    /// <summary>
    /// Unmounts <paramref name="target"/>; a busy mount is detached lazily so the directory can still be removed.
    /// </summary>
    public static void Unmount(string target)
    {
        if (umount2(Utf8(target), 0) == 0)
        {
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        const int Ebusy = 16;
        if (errno == Ebusy && umount2(Utf8(target), MntDetach) == 0)
        {
            return;
        }
        throw Failure($"unmount {target}");
    }

    /// <summary>
    /// The file type bits (<c>S_IFMT</c>) of <paramref name="path"/>, following symlinks unless
    /// <paramref name="followSymlinks"/> is false; null when the path does not exist.
    /// </summary>
    public static UnixFileKind? KindOf(string path, bool followSymlinks = true)
    {
        var buffer = new byte[StatxBufferSize];
        if (statx(AtFdCwd, Utf8(path), followSymlinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer, StatxModeOffset);
        return (UnixFileKind)(mode & 0xF000);
    }

    /// <summary>The canonical form of <paramref name="path"/> (every symlink resolved); null when it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        var resolved = new byte[PathMax + 1];
        if (realpath(Utf8(path), resolved) == IntPtr.Zero)
        {
            return null;
        }
        var length = Array.IndexOf(resolved, (byte)0);
        return Encoding.UTF8.GetString(resolved, 0, length < 0 ? resolved.Length : length);
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> in one step, whatever either is.</summary>
    public static void Rename(string source, string destination)
    {
        if (rename(Utf8(source), Utf8(destination)) != 0)
        {
            throw Failure($"rename {source} to {destination}");
        }
    }

    /// <summary>Sets the group of <paramref name="path"/> without following a symlink; the owner stays.</summary>
    public static void SetGroup(string path, long groupId)
    {
        if (lchown(Utf8(path), uint.MaxValue, (uint)groupId) != 0)
        {
            throw Failure($"chown :{groupId} {path}");
        }
    }

    private static IOException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    private static byte[] Utf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; byte arrays marshal as they are.
    [DllImport("libc", SetLastError = true)]
    private static extern int mount(byte[] source, byte[] target, byte[] fileSystemType, nuint flags, byte[] data);

    [DllImport("libc", SetLastError = true)]
    private static extern int umount2(byte[] target, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(byte[] path, [Out] byte[] resolved);

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(byte[] source, byte[] destination);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown(byte[] path, uint owner, uint group);
#pragma warning restore SYSLIB1054
}
