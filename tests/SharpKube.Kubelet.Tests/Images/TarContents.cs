using System.Formats.Tar;
using System.IO.Compression;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>The entries of a tar read back with their data, in archive order.</summary>
internal sealed class TarContents
{
    private TarContents(List<(TarEntry Entry, byte[] Data)> entries)
    {
        Entries = entries;
    }

    public IReadOnlyList<(TarEntry Entry, byte[] Data)> Entries { get; }

    public IEnumerable<string> Names => Entries.Select(e => e.Entry.Name);

    public static TarContents Read(byte[] tar)
    {
        var entries = new List<(TarEntry, byte[])>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries.Add((entry, data.ToArray()));
        }

        return new TarContents(entries);
    }

    public static byte[] Gunzip(byte[] gzipped)
    {
        using var input = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public TarEntry Entry(string name) =>
        Entries.Single(e => e.Entry.Name == name).Entry;

    public byte[] Data(string name) =>
        Entries.Single(e => e.Entry.Name == name).Data;
}
