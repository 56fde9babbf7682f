using System.Runtime.Versioning;
using k8s.Models;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// A hostPath volume: the node's path itself, checked against the declared <c>type</c> (and created for the
/// <c>OrCreate</c> types) with upstream's rules and messages. Nothing of it lives under the pod directory.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class HostPathVolume
{
    /// <summary>Checks (or creates) the path; throws <see cref="VolumeSetupException"/> when it is not of its type.</summary>
    public static MountableVolume SetUp(string volumeName, V1HostPathVolumeSource source)
    {
        var path = source.Path ?? "";
        var type = source.Type ?? "";
        var kind = LinuxFileSystem.KindOf(path);
        switch (type)
        {
            case "":
                break;
            case "DirectoryOrCreate" when kind is null:
                Directory.CreateDirectory(path);
                File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
                break;
            case "DirectoryOrCreate" or "Directory":
                Require(volumeName, kind == UnixFileKind.Directory, $"{path} is not a directory");
                break;
            case "FileOrCreate" when kind is null:
                CreateEmptyFile(volumeName, path);
                break;
            case "FileOrCreate" or "File":
                Require(volumeName, kind == UnixFileKind.RegularFile, $"{path} is not a file");
                break;
            case "Socket":
                Require(volumeName, kind == UnixFileKind.Socket, $"{path} is not a socket file");
                break;
            case "CharDevice":
                Require(volumeName, kind == UnixFileKind.CharacterDevice, $"{path} is not a character device");
                break;
            case "BlockDevice":
                Require(volumeName, kind == UnixFileKind.BlockDevice, $"{path} is not a block device");
                break;
            default:
                throw new VolumeSetupException(volumeName, $"{type} is an invalid volume type");
        }
        return new MountableVolume(volumeName, path, ReadOnly: false);
    }

    private static void Require(string volumeName, bool condition, string failure)
    {
        if (!condition)
        {
            throw new VolumeSetupException(volumeName, "hostPath type check failed: " + failure);
        }
    }

    private static void CreateEmptyFile(string volumeName, string path)
    {
        try
        {
            // The parent must exist already: upstream creates only the file, never its directories.
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)0x1A4,
            });
        }
        catch (DirectoryNotFoundException e)
        {
            throw new VolumeSetupException(volumeName, $"open {path}: no such file or directory", e);
        }
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4);
    }
}
