using System.Formats.Tar;
using System.IO.Compression;

namespace SharpKube.Kubelet.Images;

/// <summary>
/// Writes a root filesystem as a layer tar the same way every time: entries sorted by path, owned by 0:0, dated
/// 1970-01-01, in ustar format (which, unlike pax, adds no access or change times of its own).
/// </summary>
internal static class LayerTar
{
    /// <summary>The uncompressed layer tar of <paramref name="entries"/>, with any missing parent directory added (0755).</summary>
    public static byte[] Write(IEnumerable<LayerEntry> entries)
    {
        var byPath = new SortedDictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!byPath.TryAdd(entry.Path, entry))
            {
                throw new ArgumentException($"the layer has two entries for \"{entry.Path}\"", nameof(entries));
            }
        }

        foreach (var path in byPath.Keys.ToList())
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                byPath.TryAdd(path[..slash], LayerEntry.Directory(path[..slash]));
            }
        }

        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            // Ordinal order puts every directory before what it contains, since a parent's path is a prefix of its children's.
            foreach (var entry in byPath.Values)
            {
                WriteEntry(writer, entry);
            }
        }

        return output.ToArray();
    }

    /// <summary>Writes one tar entry named <paramref name="name"/> (directories end in '/').</summary>
    public static void WriteEntry(TarWriter writer, TarEntryType type, string name, UnixFileMode mode, ReadOnlyMemory<byte> content, string linkName = "")
    {
        var tarEntry = new UstarTarEntry(type, name)
        {
            Mode = mode,
            ModificationTime = DateTimeOffset.UnixEpoch,
            Uid = 0,
            Gid = 0,
        };
        if (linkName.Length > 0)
        {
            tarEntry.LinkName = linkName;
        }

        if (type == TarEntryType.RegularFile)
        {
            tarEntry.DataStream = new MemoryStream(content.ToArray(), writable: false);
        }

        writer.WriteEntry(tarEntry);
    }

    /// <summary>
    /// <paramref name="tar"/> gzipped. The stream's header carries no name and a zero time, so the bytes depend only on
    /// the input and the zlib build.
    /// </summary>
    public static byte[] Gzip(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return output.ToArray();
    }

    private static void WriteEntry(TarWriter writer, LayerEntry entry)
    {
        switch (entry.Kind)
        {
            case LayerEntryKind.Directory:
                WriteEntry(writer, TarEntryType.Directory, entry.Path + "/", entry.Mode, ReadOnlyMemory<byte>.Empty);
                break;
            case LayerEntryKind.RegularFile:
                WriteEntry(writer, TarEntryType.RegularFile, entry.Path, entry.Mode, entry.Content);
                break;
            case LayerEntryKind.SymbolicLink:
                WriteEntry(writer, TarEntryType.SymbolicLink, entry.Path, entry.Mode, ReadOnlyMemory<byte>.Empty, entry.LinkTarget);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entry), entry.Kind, "unknown layer entry kind");
        }
    }
}
