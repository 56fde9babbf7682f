using System.Formats.Tar;
using System.Text;
using SharpKube.Kubelet.Images;

namespace SharpKube.Kubelet.Tests.Images;

public sealed class BusyboxImageTests
{
    private static async Task<(BusyboxImage Image, OciLayout Layout)> BuildAsync()
    {
        var image = await BusyboxImage.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var output = new MemoryStream();
        image.Write(output);
        return (image, OciLayout.Read(output.ToArray()));
    }

    [Fact]
    public async Task Write_HoldsTheBusyboxBinaryAndALinkPerApplet()
    {
        var (image, layout) = await BuildAsync();

        Assert.Equal(await File.ReadAllBytesAsync("/bin/busybox", TestContext.Current.CancellationToken), layout.Layer.Data("bin/busybox"));
        Assert.Contains("sh", image.Applets);
        Assert.Contains("echo", image.Applets);
        Assert.All(image.Applets, a =>
        {
            var link = layout.Layer.Entry("bin/" + a);
            Assert.Equal(TarEntryType.SymbolicLink, link.EntryType);
            Assert.Equal("busybox", link.LinkName);
        });
    }

    [Fact]
    public async Task Write_HoldsUsersGroupsAndTheUsualDirectories()
    {
        var (_, layout) = await BuildAsync();

        Assert.StartsWith("root:x:0:0:", Encoding.ASCII.GetString(layout.Layer.Data("etc/passwd")));
        Assert.Contains("nobody:x:65534:65534:", Encoding.ASCII.GetString(layout.Layer.Data("etc/passwd")));
        Assert.Contains("nogroup:x:65534:", Encoding.ASCII.GetString(layout.Layer.Data("etc/group")));
        Assert.Equal((UnixFileMode)0x3FF, layout.Layer.Entry("tmp/").Mode); // 1777
        Assert.All(["root/", "proc/", "sys/", "dev/", "var/"], d => Assert.Equal(TarEntryType.Directory, layout.Layer.Entry(d).EntryType));
        Assert.DoesNotContain("etc/hosts", layout.Layer.Names);
    }

    [Fact]
    public async Task Write_ConfigRunsShWithAPath_UnderTheBusyboxReference()
    {
        var (_, layout) = await BuildAsync();

        var run = layout.Config.GetProperty("config");
        Assert.Equal(["sh"], OciLayout.Strings(run.GetProperty("Cmd")));
        Assert.False(run.TryGetProperty("Entrypoint", out _));
        Assert.Contains(OciLayout.Strings(run.GetProperty("Env")), e => e.StartsWith("PATH=", StringComparison.Ordinal) && e.Contains("/bin", StringComparison.Ordinal));
        Assert.Equal("docker.io/library/busybox:1.35", layout.ManifestDescriptor.GetProperty("annotations").GetProperty("io.containerd.image.name").GetString());
    }

    [Fact]
    public async Task LoadAsync_WithAMissingBinary_Throws()
    {
        await Assert.ThrowsAnyAsync<IOException>(() =>
            BusyboxImage.LoadAsync("/nonexistent/busybox", TestContext.Current.CancellationToken));
    }
}
