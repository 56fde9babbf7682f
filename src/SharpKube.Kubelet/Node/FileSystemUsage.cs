using System.Runtime.InteropServices;

namespace SharpKube.Kubelet.Node;

/// <summary>Space and inodes of the filesystem holding a path, from statvfs(3).</summary>
/// <param name="CapacityBytes">The filesystem's size.</param>
/// <param name="AvailableBytes">What unprivileged users may still write (f_bavail).</param>
/// <param name="Inodes">The filesystem's inode count; 0 when it has no fixed count.</param>
/// <param name="InodesFree">Inodes not in use.</param>
public readonly record struct FileSystemUsage(long CapacityBytes, long AvailableBytes, long Inodes, long InodesFree)
{
    /// <summary>Reads the filesystem of <paramref name="path"/>.</summary>
    /// <exception cref="IOException">statvfs failed (the path does not exist, say).</exception>
    public static FileSystemUsage Of(string path)
    {
        if (NativeMethods.statvfs(path, out var stat) != 0)
        {
            throw new IOException($"statvfs {path}: errno {Marshal.GetLastPInvokeError()}");
        }

        var block = (long)(stat.FragmentSize != 0 ? stat.FragmentSize : stat.BlockSize);
        return new FileSystemUsage((long)stat.Blocks * block, (long)stat.BlocksAvailable * block, (long)stat.Files, (long)stat.FilesFree);
    }

    // glibc's struct statvfs on 64-bit Linux: eleven unsigned longs, then six spare ints.
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong MaxNameLength;
        private readonly int _spare0;
        private readonly int _spare1;
        private readonly int _spare2;
        private readonly int _spare3;
        private readonly int _spare4;
        private readonly int _spare5;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int statvfs(string path, out StatVfs buffer);
    }
}
