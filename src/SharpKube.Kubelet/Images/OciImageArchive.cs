using System.Formats.Tar;
using System.Runtime.InteropServices;

namespace SharpKube.Kubelet.Images;

/// <summary>
/// A single-layer image written as an OCI image-layout tar (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/sha256/…</c>) that <c>ctr images import</c> loads under its full reference. The output is deterministic:
/// the same reference, entries and config always give the same bytes, and so the same digests.
/// </summary>
public sealed class OciImageArchive
{
    private readonly IReadOnlyList<LayerEntry> _entries;
    private readonly OciImageConfig _config;

    /// <summary>Describes the image <paramref name="reference"/> (with its tag, e.g. <c>docker.io/library/busybox:1.35</c>).</summary>
    /// <param name="reference">The full reference the image is imported as.</param>
    /// <param name="entries">The root filesystem; missing parent directories are added with mode 0755.</param>
    /// <param name="config">The run-time defaults (Env, Entrypoint, Cmd, WorkingDir).</param>
    public OciImageArchive(string reference, IEnumerable<LayerEntry> entries, OciImageConfig config)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(config);
        Reference = reference;
        Tag = TagOf(reference);
        _entries = [.. entries];
        _config = config;
    }

    /// <summary>The full reference, as written to the <c>io.containerd.image.name</c> annotation.</summary>
    public string Reference { get; }

    /// <summary>The reference's tag, as written to the <c>org.opencontainers.image.ref.name</c> annotation.</summary>
    public string Tag { get; }

    /// <summary>The OCI name of this machine's architecture (<c>amd64</c>, <c>arm64</c>), which the image is built for.</summary>
    public static string CurrentArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no OCI architecture name is known for {other}"),
    };

    /// <summary>Writes the archive to <paramref name="destination"/> and returns its digests.</summary>
    public OciImageDigests Write(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var architecture = CurrentArchitecture;
        var layerTar = LayerTar.Write(_entries);
        var diffId = OciBlob.DigestOf(layerTar);
        var layer = new OciBlob(LayerTar.Gzip(layerTar));
        var config = new OciBlob(OciDocuments.Config(_config, architecture, diffId));
        var manifest = new OciBlob(OciDocuments.Manifest(config, layer));
        var index = OciDocuments.Index(manifest, architecture, Reference, Tag);

        // Sorted names, as a sorted directory listing would give: blobs/, blobs/sha256/, the blobs, index.json, oci-layout.
        var blobs = new[] { layer, config, manifest }.DistinctBy(b => b.Hex).OrderBy(b => b.Hex, StringComparer.Ordinal);
        using (var writer = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var directoryMode = LayerEntry.DefaultDirectoryMode;
            var fileMode = LayerEntry.ReadableMode;
            LayerTar.WriteEntry(writer, TarEntryType.Directory, "blobs/", directoryMode, ReadOnlyMemory<byte>.Empty);
            LayerTar.WriteEntry(writer, TarEntryType.Directory, "blobs/sha256/", directoryMode, ReadOnlyMemory<byte>.Empty);
            foreach (var blob in blobs)
            {
                LayerTar.WriteEntry(writer, TarEntryType.RegularFile, "blobs/sha256/" + blob.Hex, fileMode, blob.Content);
            }

            LayerTar.WriteEntry(writer, TarEntryType.RegularFile, "index.json", fileMode, index);
            LayerTar.WriteEntry(writer, TarEntryType.RegularFile, "oci-layout", fileMode, OciDocuments.Layout());
        }

        return new OciImageDigests(manifest.Digest, config.Digest, layer.Digest, diffId);
    }

    /// <summary>
    /// Writes the archive to the file <paramref name="path"/>, replacing it whole: readers never see a half-written
    /// archive (the bytes go to a temporary file in the same directory that is then renamed).
    /// </summary>
    public async Task<OciImageDigests> WriteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var buffer = new MemoryStream();
        var digests = Write(buffer);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, buffer.ToArray(), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return digests;
    }

    private static string TagOf(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var colon = reference.LastIndexOf(':');
        if (colon < 0 || colon < reference.LastIndexOf('/') || colon == reference.Length - 1 || reference.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"\"{reference}\" is not a reference with a tag (name:tag)", nameof(reference));
        }

        return reference[(colon + 1)..];
    }
}
