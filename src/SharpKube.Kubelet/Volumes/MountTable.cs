using System.Runtime.Versioning;
using System.Text;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The kubelet's view of what is mounted, read from <c>/proc/self/mountinfo</c>: which file system is mounted where.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    /// <summary>Every mount point with its file system type, in the order the kernel lists them (parents first).</summary>
    public static IReadOnlyList<(string MountPoint, string FileSystemType)> Read()
    {
        var mounts = new List<(string, string)>();
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            // "36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/root rw": the mount point is the fifth
            // field; the file system type follows the " - " separator, after the variable optional fields.
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 5 || separator < 0 || separator + 1 >= fields.Length)
            {
                continue;
            }
            mounts.Add((Unescape(fields[4]), fields[separator + 1]));
        }
        return mounts;
    }

    /// <summary>The file system type mounted exactly at <paramref name="path"/> (the topmost mount), or null.</summary>
    public static string? FileSystemAt(string path)
    {
        // The kernel lists canonical paths; a symlink in the kubelet's own path must not hide a mount.
        path = LinuxFileSystem.RealPath(path) ?? path;
        string? type = null;
        foreach (var (mountPoint, fileSystemType) in Read())
        {
            if (mountPoint == path)
            {
                type = fileSystemType;
            }
        }
        return type;
    }

    /// <summary>The mount points strictly below <paramref name="directory"/>, deepest first, so they unmount in order.</summary>
    public static IReadOnlyList<string> MountPointsUnder(string directory)
    {
        directory = LinuxFileSystem.RealPath(directory) ?? directory;
        var prefix = directory.TrimEnd('/') + "/";
        return [.. Read().Select(m => m.MountPoint).Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
    }

    /// <summary>Undoes the kernel's octal escapes (<c>\040</c> for a space, and so on) in a mountinfo path.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
