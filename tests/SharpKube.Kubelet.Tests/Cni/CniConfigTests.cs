using System.Diagnostics;
using System.Text.Json;
using SharpKube.Kubelet.Cni;

namespace SharpKube.Kubelet.Tests.Cni;

public sealed class CniConfigTests
{
    [Fact]
    public void Render_For10_42_0_0_24_GivesABridgeWithGateway10_42_0_1ThenPortmap()
    {
        using var conflist = JsonDocument.Parse(CniConfig.Render(new CniNetworkOptions("10.42.0.0/24", "/tmp/skc-agent")));
        var root = conflist.RootElement;

        Assert.Equal("1.0.0", root.GetProperty("cniVersion").GetString());
        Assert.Equal("sharpkube", root.GetProperty("name").GetString());
        var plugins = root.GetProperty("plugins").EnumerateArray().ToArray();
        Assert.Equal(["bridge", "portmap"], plugins.Select(plugin => plugin.GetProperty("type").GetString()));
        var bridge = plugins[0];
        Assert.Equal("cni0", bridge.GetProperty("bridge").GetString());
        Assert.True(bridge.GetProperty("isGateway").GetBoolean());
        Assert.False(bridge.GetProperty("ipMasq").GetBoolean());
        Assert.True(bridge.GetProperty("hairpinMode").GetBoolean());
        var ipam = bridge.GetProperty("ipam");
        Assert.Equal("host-local", ipam.GetProperty("type").GetString());
        var range = ipam.GetProperty("ranges")[0][0];
        Assert.Equal("10.42.0.0/24", range.GetProperty("subnet").GetString());
        Assert.Equal("10.42.0.1", range.GetProperty("gateway").GetString());
        Assert.Equal("0.0.0.0/0", ipam.GetProperty("routes")[0].GetProperty("dst").GetString());
        Assert.Equal("/tmp/skc-agent/cni/networks", ipam.GetProperty("dataDir").GetString());
        Assert.True(plugins[1].GetProperty("capabilities").GetProperty("portMappings").GetBoolean());
    }

    [Fact]
    public void Render_UsesTheGivenBridgeName()
    {
        var conflist = CniConfig.Render(new CniNetworkOptions("10.43.8.0/22", "/tmp/a") { BridgeName = "sk1" });

        Assert.Contains("\"bridge\": \"sk1\"", conflist);
        Assert.Contains("\"gateway\": \"10.43.8.1\"", conflist);
    }

    [Theory]
    [InlineData("10.42.0.0", "a.b.c.d/n")]
    [InlineData("10.42.0.0/x", "a.b.c.d/n")]
    [InlineData("ten/24", "a.b.c.d/n")]
    [InlineData("fd00:42::/64", "not IPv4")]
    [InlineData("10.42.0.0/31", "at most /30")]
    [InlineData("10.42.0.0/32", "at most /30")]
    [InlineData("10.42.0.5/24", "host bits set; the network address is 10.42.0.0/24")]
    public void Render_RefusesAnUnusablePodCidr(string podCidr, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => CniConfig.Render(new CniNetworkOptions(podCidr, "/tmp/a")));

        Assert.Contains($"'{podCidr}'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-bridge-name-too-long")]
    [InlineData("br/0")]
    public void Render_RefusesABridgeNameLinuxWouldNotAccept(string bridgeName)
    {
        Assert.Throws<ArgumentException>(() =>
            CniConfig.Render(new CniNetworkOptions("10.42.0.0/24", "/tmp/a") { BridgeName = bridgeName }));
    }

    [Fact]
    public async Task WriteAsync_WritesOnceAndRewritesChangesInPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        var confDir = Path.Combine("/tmp", "skc-" + Guid.NewGuid().ToString("N")[..8], "net.d");
        var path = Path.Combine(confDir, CniConfig.FileName);
        try
        {
            var network = new CniNetworkOptions("10.42.0.0/24", "/tmp/skc-agent");
            Assert.True(await CniConfig.WriteAsync(confDir, network, ct));
            var inode = await InodeAsync(path);
            var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, written);

            Assert.False(await CniConfig.WriteAsync(confDir, network, ct));
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));

            Assert.True(await CniConfig.WriteAsync(confDir, network with { PodCidr = "10.42.1.0/24" }, ct));
            Assert.Equal(inode, await InodeAsync(path));
            Assert.Contains("10.42.1.0/24", await File.ReadAllTextAsync(path, ct));
            Assert.Equal(CniConfig.Render(network with { PodCidr = "10.42.1.0/24" }), await File.ReadAllTextAsync(path, ct));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(confDir)!, recursive: true);
        }
    }

    private static async Task<string> InodeAsync(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var inode = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return inode.Trim();
    }
}
