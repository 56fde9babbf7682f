using System.Runtime.Versioning;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// Removes a pod's directory: first every mount under it (memory-backed emptyDirs), then the tree itself, unlinking
/// symlinks rather than following them, so a link a container left pointing at the host never leads the kubelet out
/// of the pod directory.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class PodDirectoryRemover
{
    /// <summary>Unmounts and deletes <paramref name="podDirectory"/>; a missing directory is not an error.</summary>
    public static void Remove(string podDirectory)
    {
        foreach (var mountPoint in MountTable.MountPointsUnder(podDirectory))
        {
            LinuxFileSystem.Unmount(mountPoint);
        }
        if (LinuxFileSystem.KindOf(podDirectory, followSymlinks: false) is not UnixFileKind.Directory)
        {
            return;
        }
        // A mount that survived would let the walk below delete what belongs to someone else.
        if (MountTable.MountPointsUnder(podDirectory) is { Count: > 0 } remaining)
        {
            throw new IOException($"cannot remove {podDirectory}: {remaining[0]} is still mounted");
        }
        RemoveTree(podDirectory);
    }

    private static void RemoveTree(string directory)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", options).ToList())
        {
            if (LinuxFileSystem.KindOf(entry, followSymlinks: false) == UnixFileKind.Directory)
            {
                RemoveTree(entry);
            }
            else
            {
                // Files, sockets and symlinks alike: unlink removes the entry, never what a link points at.
                File.Delete(entry);
            }
        }
        Directory.Delete(directory);
    }
}
