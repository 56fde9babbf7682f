using System.Runtime.Versioning;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// A volumeMount's subPath inside its volume: refused when absolute or climbing with <c>..</c>, refused when an
/// existing symlink on the way resolves outside the volume, and created as directories (with the volume root's
/// mode) where it does not exist yet, as upstream creates it before the container starts.
/// </summary>
/// <remarks>
/// Upstream bind-mounts the checked subPath through an open file descriptor so a container cannot swap a directory
/// for a symlink between the check and the runtime's mount. Here the runtime mounts the path itself, so that window
/// remains; the check still stops every link that exists when the container is created.
/// </remarks>
[UnsupportedOSPlatform("windows")]
internal static class SubPath
{
    /// <summary>
    /// The host path of <paramref name="subPath"/> in the volume at <paramref name="volumeRoot"/>, created when
    /// missing. Throws <see cref="InvalidOperationException"/> with the reason when the subPath is not acceptable.
    /// </summary>
    public static string Prepare(string volumeRoot, string subPath)
    {
        if (subPath.StartsWith('/'))
        {
            throw new InvalidOperationException($"error SubPath `{subPath}` must not be an absolute path");
        }
        var segments = subPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw new InvalidOperationException($"unable to provision SubPath `{subPath}`: must not contain '..'");
        }
        if (segments.Length == 0)
        {
            return volumeRoot;
        }
        var root = LinuxFileSystem.RealPath(volumeRoot)
            ?? throw new InvalidOperationException($"volume path {volumeRoot} does not exist");

        // The part of the subPath that exists, symlinks included, must resolve inside the volume.
        var existing = volumeRoot;
        var found = 0;
        while (found < segments.Length && LinuxFileSystem.KindOf(Path.Combine(existing, segments[found]), followSymlinks: false) is not null)
        {
            existing = Path.Combine(existing, segments[found]);
            found++;
        }
        var resolved = LinuxFileSystem.RealPath(existing);
        if (resolved is null || (resolved != root && !resolved.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"subPath `{subPath}` resolves to {resolved ?? "a broken link"}, outside the volume {volumeRoot}");
        }
        if (found < segments.Length)
        {
            if (LinuxFileSystem.KindOf(resolved) != UnixFileKind.Directory)
            {
                throw new InvalidOperationException($"subPath `{subPath}`: {Path.Combine(segments[..found])} is not a directory");
            }
            var mode = File.GetUnixFileMode(root);
            var created = resolved;
            foreach (var segment in segments[found..])
            {
                created = Path.Combine(created, segment);
                Directory.CreateDirectory(created);
                File.SetUnixFileMode(created, mode);
            }
        }
        return volumeRoot.TrimEnd('/') + "/" + string.Join('/', segments);
    }
}
