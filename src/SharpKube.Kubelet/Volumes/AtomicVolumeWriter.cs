using System.Globalization;
using System.Runtime.Versioning;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// Writes the files of a configMap, secret, downwardAPI or projected volume so that a container never sees a mix of
/// old and new contents, with upstream's layout: the files live in a hidden timestamped directory
/// (<c>..2024_05_01_12_00_00.123456789</c>), <c>..data</c> is a symlink to it that is replaced by one rename, and each
/// top-level entry the user sees is a symlink through <c>..data</c>. The previous timestamped directory is removed
/// after the swap, so a file already open keeps its old content.
/// </summary>
/// <remarks>
/// Unlike upstream, which compares only file contents, a change of a file's mode or of the set of files also gives a
/// new timestamped directory, so a changed <c>defaultMode</c> or a removed key takes effect at once.
/// </remarks>
[UnsupportedOSPlatform("windows")]
internal sealed class AtomicVolumeWriter(string targetDirectory, long? fsGroup, TimeProvider timeProvider)
{
    private const string DataLink = "..data";
    private const string DataLinkTemporary = "..data_tmp";
    private const int MaxPathLength = 4096;
    private const int MaxSegmentLength = 255;

    /// <summary>
    /// Makes the volume hold exactly <paramref name="payload"/> (relative path → file). Returns whether anything was
    /// written; content and modes equal to what is already there write nothing.
    /// </summary>
    public bool Write(IReadOnlyDictionary<string, VolumeFile> payload)
    {
        var files = Clean(payload);
        var oldTimestamped = new FileInfo(Path.Combine(targetDirectory, DataLink)).LinkTarget;
        var oldDirectory = oldTimestamped is null ? null : Path.Combine(targetDirectory, oldTimestamped);
        if (oldDirectory is not null && Directory.Exists(oldDirectory) && Matches(files, oldDirectory))
        {
            CreateUserVisibleLinks(files.Keys);
            return false;
        }

        var newTimestamped = CreateTimestampedDirectory();
        var newDirectory = Path.Combine(targetDirectory, newTimestamped);
        try
        {
            foreach (var (path, file) in files)
            {
                WriteFile(newDirectory, path, file);
            }
            var temporaryLink = Path.Combine(targetDirectory, DataLinkTemporary);
            if (LinuxFileSystem.KindOf(temporaryLink, followSymlinks: false) is not null)
            {
                File.Delete(temporaryLink);
            }
            File.CreateSymbolicLink(temporaryLink, newTimestamped);
            LinuxFileSystem.Rename(temporaryLink, Path.Combine(targetDirectory, DataLink));
        }
        catch
        {
            Directory.Delete(newDirectory, recursive: true);
            throw;
        }

        CreateUserVisibleLinks(files.Keys);
        RemoveStaleUserVisibleLinks(files.Keys);
        if (oldDirectory is not null && oldTimestamped != newTimestamped && Directory.Exists(oldDirectory))
        {
            Directory.Delete(oldDirectory, recursive: true);
        }
        return true;
    }

    /// <summary>The permission bits a file ends up with: fsGroup makes every file group-readable, as upstream does.</summary>
    private int EffectiveMode(int mode) => (mode & 0x1FF) | (fsGroup is null ? 0 : 0x120);

    private static Dictionary<string, VolumeFile> Clean(IReadOnlyDictionary<string, VolumeFile> payload)
    {
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        foreach (var (path, file) in payload)
        {
            if (path.Length == 0 || path.Length > MaxPathLength)
            {
                throw new ArgumentException($"invalid path {path}: must be 1 to {MaxPathLength} characters");
            }
            if (path.StartsWith('/'))
            {
                throw new ArgumentException($"invalid path {path}: must be relative path");
            }
            if (path.StartsWith("..", StringComparison.Ordinal))
            {
                throw new ArgumentException($"invalid path {path}: must not start with '..'");
            }
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
            if (segments.Any(s => s == ".."))
            {
                throw new ArgumentException($"invalid path {path}: must not contain '..'");
            }
            if (segments.Length == 0 || segments.Any(s => s.Length > MaxSegmentLength))
            {
                throw new ArgumentException($"invalid path {path}: each element must be 1 to {MaxSegmentLength} characters");
            }
            files[string.Join('/', segments)] = file;
        }
        return files;
    }

    private bool Matches(Dictionary<string, VolumeFile> files, string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        var present = Directory.EnumerateFiles(directory, "*", options)
            .Select(f => Path.GetRelativePath(directory, f)).ToHashSet(StringComparer.Ordinal);
        if (!present.SetEquals(files.Keys))
        {
            return false;
        }
        foreach (var (path, file) in files)
        {
            var full = Path.Combine(directory, path);
            if ((int)File.GetUnixFileMode(full) != EffectiveMode(file.Mode) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data))
            {
                return false;
            }
        }
        return true;
    }

    private string CreateTimestampedDirectory()
    {
        var stamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture);
        while (true)
        {
            var name = $"..{stamp}.{Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture)}";
            var path = Path.Combine(targetDirectory, name);
            if (LinuxFileSystem.KindOf(path, followSymlinks: false) is not null)
            {
                continue;
            }
            Directory.CreateDirectory(path);
            // 0755 whatever the umask, so group and other can reach the files the modes let them read.
            SetDirectoryMode(path);
            return name;
        }
    }

    private void WriteFile(string root, string relativePath, VolumeFile file)
    {
        var full = Path.Combine(root, relativePath);
        var parent = Path.GetDirectoryName(full)!;
        var relativeParent = Path.GetRelativePath(root, parent);
        if (relativeParent != ".")
        {
            var current = root;
            foreach (var segment in relativeParent.Split('/'))
            {
                current = Path.Combine(current, segment);
                if (!Directory.Exists(current))
                {
                    Directory.CreateDirectory(current);
                    SetDirectoryMode(current);
                }
            }
        }
        var mode = (UnixFileMode)EffectiveMode(file.Mode);
        // Created with no more than its final bits, so a secret is never readable by others, even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
        using (var stream = new FileStream(full, options))
        {
            stream.Write(file.Data);
        }
        File.SetUnixFileMode(full, mode);
        if (fsGroup is { } group)
        {
            LinuxFileSystem.SetGroup(full, group);
        }
    }

    private void SetDirectoryMode(string path)
    {
        var mode = (UnixFileMode)0x1ED;
        if (fsGroup is { } group)
        {
            LinuxFileSystem.SetGroup(path, group);
            mode |= UnixFileMode.SetGroup;
        }
        File.SetUnixFileMode(path, mode);
    }

    private void CreateUserVisibleLinks(IEnumerable<string> paths)
    {
        foreach (var top in paths.Select(TopLevel).Distinct(StringComparer.Ordinal))
        {
            var link = Path.Combine(targetDirectory, top);
            if (LinuxFileSystem.KindOf(link, followSymlinks: false) is null)
            {
                File.CreateSymbolicLink(link, DataLink + "/" + top);
            }
        }
    }

    private void RemoveStaleUserVisibleLinks(IEnumerable<string> paths)
    {
        var wanted = paths.Select(TopLevel).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(targetDirectory).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            // Only our own links through ..data are removed; the hidden bookkeeping entries start with "..".
            if (!entry.Name.StartsWith("..", StringComparison.Ordinal) && !wanted.Contains(entry.Name)
                && entry.LinkTarget is { } target && target.StartsWith(DataLink + "/", StringComparison.Ordinal))
            {
                File.Delete(entry.FullName);
            }
        }
    }

    private static string TopLevel(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }
}
