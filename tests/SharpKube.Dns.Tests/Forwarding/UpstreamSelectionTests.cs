using System.Net;
using SharpKube.Dns.Forwarding;

namespace SharpKube.Dns.Tests.Forwarding;

public sealed class UpstreamSelectionTests
{
    [Fact]
    public void ResolvConf_NamingThisServersAddressAndPort_LeavesItOut()
    {
        var upstreams = ResolvConfOf("nameserver 10.0.0.5\nnameserver 192.0.2.53\n# comment\nsearch example\n");
        var kept = UpstreamSelection.WithoutSelf(upstreams, [new IPEndPoint(IPAddress.Parse("10.0.0.5"), 53)]);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53)], kept);
    }

    [Fact]
    public void LoopbackUpstream_IsLeftOut_WhenListeningOnTheWildcardAddressOfItsPort()
    {
        var kept = UpstreamSelection.WithoutSelf([new IPEndPoint(IPAddress.Loopback, 53), new IPEndPoint(IPAddress.Loopback, 5353)],
            [new IPEndPoint(IPAddress.Any, 53)]);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 5353)], kept);
    }

    [Fact]
    public void Upstream_IsParsedWithOrWithoutPort()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53), ResolvConf.ParseUpstream("192.0.2.1"));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5353), ResolvConf.ParseUpstream("192.0.2.1:5353"));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5353), ResolvConf.ParseUpstream("[2001:db8::1]:5353"));
        Assert.Throws<FormatException>(() => ResolvConf.ParseUpstream("dns.example"));
    }

    private static IReadOnlyList<IPEndPoint> ResolvConfOf(string text)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            return ResolvConf.Nameservers(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
