using System.Runtime.InteropServices;
using System.Text;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// What a filesystem holds (<c>statvfs</c>) and what a directory tree on it uses (walked, as <c>du</c> would).
/// </summary>
internal static class FileSystemUsage
{
    /// <summary>
    /// <c>struct statvfs</c> on 64-bit glibc (x86-64 and arm64 alike): eleven unsigned longs, then six spare ints;
    /// the buffer is larger than needed so a different libc cannot overrun it.
    /// </summary>
    private const int StatvfsBufferSize = 256;

    /// <summary>The filesystem holding <paramref name="path"/>, or null when the path does not exist.</summary>
    public static FileSystemFigures? Of(string path)
    {
        var buffer = new byte[StatvfsBufferSize];
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        if (statvfs(bytes, buffer) != 0)
        {
            return null;
        }
        ulong Field(int index) => BitConverter.ToUInt64(buffer, index * sizeof(ulong));
        var fragmentSize = Field(1);
        return new FileSystemFigures(
            CapacityBytes: Field(2) * fragmentSize,
            FreeBytes: Field(3) * fragmentSize,
            AvailableBytes: Field(4) * fragmentSize,
            Inodes: Field(5),
            InodesFree: Field(6));
    }

    /// <summary>
    /// The bytes the files under <paramref name="directory"/> hold and the inodes it uses (itself, its files and
    /// directories); symlinks are counted, not followed. Zero when it does not exist.
    /// </summary>
    public static (ulong Bytes, ulong Inodes) Tree(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }
        ulong bytes = 0;
        ulong inodes = 1;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        try
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
            {
                inodes++;
                if (entry is FileInfo file && file.LinkTarget is null)
                {
                    bytes += (ulong)file.Length;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file went away while walking (a log rotated): what was counted is a fair figure.
        }
        return (bytes, inodes);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; byte arrays marshal as they are.
    [DllImport("libc", SetLastError = true)]
    private static extern int statvfs(byte[] path, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
