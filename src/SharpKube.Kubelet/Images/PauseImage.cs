namespace SharpKube.Kubelet.Images;

/// <summary>
/// SharpKube's pod sandbox image: one static binary, <c>/pause</c>, built from <c>Images/Pause/pause.c</c> when the
/// kubelet is compiled and embedded in its assembly, so no image has to be pulled before the first pod runs.
/// </summary>
public static class PauseImage
{
    /// <summary>The reference the kubelet runs sandboxes with.</summary>
    public const string Reference = "docker.io/sharpkube/pause:1";

    /// <summary>The program's path inside the image, which is also its entrypoint.</summary>
    public const string BinaryPath = "/pause";

    private const string ResourceName = "pause";

    /// <summary>The pause program's bytes (a static Linux executable for this machine's architecture).</summary>
    public static byte[] ReadBinary()
    {
        using var resource = typeof(PauseImage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the kubelet assembly has no \"{ResourceName}\" resource; it is embedded by the build (gcc)");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The image as an archive to write.</summary>
    public static OciImageArchive CreateArchive() => new(
        Reference,
        [LayerEntry.File(BinaryPath, ReadBinary(), LayerEntry.ExecutableMode)],
        new OciImageConfig { Entrypoint = [BinaryPath] });

    /// <summary>Writes the image's OCI archive to <paramref name="destination"/>.</summary>
    public static OciImageDigests Write(Stream destination) => CreateArchive().Write(destination);

    /// <summary>Writes the image's OCI archive to the file <paramref name="path"/>.</summary>
    public static Task<OciImageDigests> WriteAsync(string path, CancellationToken cancellationToken) =>
        CreateArchive().WriteAsync(path, cancellationToken);
}
