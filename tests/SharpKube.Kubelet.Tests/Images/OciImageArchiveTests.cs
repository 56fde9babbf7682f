using System.Formats.Tar;
using System.Text;
using SharpKube.Kubelet.Images;

namespace SharpKube.Kubelet.Tests.Images;

public sealed class OciImageArchiveTests
{
    private static OciImageArchive Sample() => new(
        "example.test/team/tool:2.1",
        [
            LayerEntry.File("/usr/bin/tool", Encoding.ASCII.GetBytes("#!/bin/sh\necho tool\n"), LayerEntry.ExecutableMode),
            LayerEntry.Symlink("bin", "usr/bin"),
            LayerEntry.Directory("tmp", (UnixFileMode)0x3FF), // 1777
            LayerEntry.File("etc/motd", Encoding.ASCII.GetBytes("hi\n"), LayerEntry.ReadableMode),
        ],
        new OciImageConfig { Env = ["PATH=/usr/bin"], Entrypoint = ["/usr/bin/tool"], Cmd = ["--help"], WorkingDir = "/tmp" });

    private static byte[] WriteToBytes(OciImageArchive archive)
    {
        using var output = new MemoryStream();
        archive.Write(output);
        return output.ToArray();
    }

    [Fact]
    public void Write_TwiceFromTheSameInput_GivesIdenticalBytes()
    {
        Assert.Equal(WriteToBytes(Sample()), WriteToBytes(Sample()));
    }

    [Fact]
    public void Write_NamesEveryBlobAfterTheSha256OfItsContent()
    {
        var archive = TarContents.Read(WriteToBytes(Sample()));

        var blobs = archive.Entries.Where(e => e.Entry.EntryType == TarEntryType.RegularFile && e.Entry.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, blobs.Count);
        Assert.All(blobs, b => Assert.Equal("sha256:" + b.Entry.Name["blobs/sha256/".Length..], OciLayout.Sha256(b.Data)));
    }

    [Fact]
    public void Write_IndexLeadsToManifestThatLeadsToConfigAndLayer_WithMatchingSizes()
    {
        var layout = OciLayout.Read(WriteToBytes(Sample()));

        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", Encoding.UTF8.GetString(layout.Archive.Data("oci-layout")));
        Assert.Equal("application/vnd.oci.image.index.v1+json", layout.Index.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", layout.ManifestDescriptor.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.oci.image.config.v1+json", layout.ConfigDescriptor.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", layout.LayerDescriptor.GetProperty("mediaType").GetString());
        Assert.Equal(layout.GzippedLayer.Length, layout.LayerDescriptor.GetProperty("size").GetInt64());
        Assert.Equal(layout.Blob(layout.ConfigDescriptor.GetProperty("digest").GetString()!).Length, layout.ConfigDescriptor.GetProperty("size").GetInt64());
        Assert.Equal(layout.Blob(layout.ManifestDescriptor.GetProperty("digest").GetString()!).Length, layout.ManifestDescriptor.GetProperty("size").GetInt64());
    }

    [Fact]
    public void Write_AnnotatesTheIndexWithTheFullReferenceAndTheTag()
    {
        var layout = OciLayout.Read(WriteToBytes(Sample()));

        var annotations = layout.ManifestDescriptor.GetProperty("annotations");
        Assert.Equal("example.test/team/tool:2.1", annotations.GetProperty("io.containerd.image.name").GetString());
        Assert.Equal("2.1", annotations.GetProperty("org.opencontainers.image.ref.name").GetString());
        Assert.Equal(OciImageArchive.CurrentArchitecture, layout.ManifestDescriptor.GetProperty("platform").GetProperty("architecture").GetString());
    }

    [Fact]
    public void Write_ConfigListsTheDiffIdOfTheUncompressedLayer_AndReturnsTheDigestsItWrote()
    {
        using var output = new MemoryStream();
        var digests = Sample().Write(output);
        var layout = OciLayout.Read(output.ToArray());

        var diffId = OciLayout.Sha256(TarContents.Gunzip(layout.GzippedLayer));
        Assert.Equal([diffId], OciLayout.Strings(layout.Config.GetProperty("rootfs").GetProperty("diff_ids")));
        Assert.NotEqual(diffId, layout.LayerDescriptor.GetProperty("digest").GetString());
        Assert.Equal(new OciImageDigests(
            layout.Index.GetProperty("manifests")[0].GetProperty("digest").GetString()!,
            layout.ConfigDescriptor.GetProperty("digest").GetString()!,
            layout.LayerDescriptor.GetProperty("digest").GetString()!,
            diffId), digests);
    }

    [Fact]
    public void Write_ConfigCarriesThePlatformRunDefaultsAndHistory()
    {
        var config = OciLayout.Read(WriteToBytes(Sample())).Config;

        Assert.Equal(OciImageArchive.CurrentArchitecture, config.GetProperty("architecture").GetString());
        Assert.Equal("linux", config.GetProperty("os").GetString());
        var run = config.GetProperty("config");
        Assert.Equal(["PATH=/usr/bin"], OciLayout.Strings(run.GetProperty("Env")));
        Assert.Equal(["/usr/bin/tool"], OciLayout.Strings(run.GetProperty("Entrypoint")));
        Assert.Equal(["--help"], OciLayout.Strings(run.GetProperty("Cmd")));
        Assert.Equal("/tmp", run.GetProperty("WorkingDir").GetString());
        Assert.Equal(1, config.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public void Write_LayerHoldsSortedRootOwnedEntriesFrom1970_WithMissingParentsAdded()
    {
        var layer = OciLayout.Read(WriteToBytes(Sample())).Layer;

        Assert.Equal(["bin", "etc/", "etc/motd", "tmp/", "usr/", "usr/bin/", "usr/bin/tool"], layer.Names);
        Assert.All(layer.Entries, e =>
        {
            Assert.Equal(0, e.Entry.Uid);
            Assert.Equal(0, e.Entry.Gid);
            Assert.Equal(DateTimeOffset.UnixEpoch, e.Entry.ModificationTime);
        });
        Assert.Equal(TarEntryType.SymbolicLink, layer.Entry("bin").EntryType);
        Assert.Equal("usr/bin", layer.Entry("bin").LinkName);
        Assert.Equal((UnixFileMode)0x3FF, layer.Entry("tmp/").Mode);
        Assert.Equal(LayerEntry.DefaultDirectoryMode, layer.Entry("usr/").Mode);
        Assert.Equal(LayerEntry.ExecutableMode, layer.Entry("usr/bin/tool").Mode);
        Assert.Equal("#!/bin/sh\necho tool\n", Encoding.ASCII.GetString(layer.Data("usr/bin/tool")));
    }

    [Theory]
    [InlineData("example.test/tool")]
    [InlineData("localhost:5000/tool")]
    [InlineData("example.test/tool:")]
    [InlineData("example.test/tool@sha256:0123")]
    public void Constructor_WithAReferenceWithoutTag_Throws(string reference)
    {
        Assert.Throws<ArgumentException>(() => new OciImageArchive(reference, [], new OciImageConfig()));
    }

    [Fact]
    public void Write_WithTwoEntriesForOnePath_Throws()
    {
        var archive = new OciImageArchive("example.test/tool:1", [LayerEntry.Directory("a"), LayerEntry.Symlink("/a/", "b")], new OciImageConfig());

        Assert.Throws<ArgumentException>(() => archive.Write(Stream.Null));
    }

    [Fact]
    public async Task WriteAsync_WritesTheSameBytesAsWrite_AndLeavesNoTemporaryFile()
    {
        var directory = Directory.CreateTempSubdirectory("sk-oci-");
        try
        {
            var path = Path.Combine(directory.FullName, "tool.tar");
            await Sample().WriteAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(WriteToBytes(Sample()), await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
            Assert.Equal([path], Directory.GetFiles(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
