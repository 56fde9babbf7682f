namespace SharpKube.ApiServer.Pki;

/// <summary>Writes a file so that readers see either the old or the new contents, never a partial write.</summary>
internal static class AtomicFile
{
    /// <summary>Owner read/write only: private keys and kubeconfigs.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, everyone read: certificates.</summary>
    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="contents"/> to a temporary file created with <paramref name="mode"/>, flushes it to disk and renames it over <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string contents, UnixFileMode mode)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // The mode is set at creation, so a secret is never readable by others, not even briefly.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temporary, options))
            {
                using var writer = new StreamWriter(stream);
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
