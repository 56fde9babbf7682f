using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Tests.Sandbox;

public sealed class ResolvConfTests
{
    [Fact]
    public void Parse_ARealisticFile_KeepsServersLastSearchAndMergedOptions()
    {
        var conf = ResolvConf.Parse("""
            # generated
            nameserver 192.0.2.53
            search old.example
              nameserver   192.0.2.54  
            nameserver
            search corp.example. lab.example .
            options ndots:2 timeout:1
            options ndots:3 rotate
            domain ignored.example
            """);
        Assert.Equal(["192.0.2.53", "192.0.2.54"], conf.Nameservers);
        Assert.Equal(["corp.example", "lab.example"], conf.Searches);
        Assert.Equal(["ndots:3", "timeout:1", "rotate"], conf.Options);
    }

    [Fact]
    public async Task ReadAsync_AFileOnDisk_ParsesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resolv-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(path, "nameserver 10.0.0.2\nsearch example.org\n", TestContext.Current.CancellationToken);
            var conf = await ResolvConf.ReadAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(["10.0.0.2"], conf.Nameservers);
            Assert.Equal(["example.org"], conf.Searches);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
