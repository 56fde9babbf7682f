using System.Net;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Tests.Zone;

public sealed class NamingTests
{
    [Theory]
    [InlineData("10.43.0.10", "10.0.43.10.in-addr.arpa")]
    [InlineData("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void ReverseName_OfAnAddress(string address, string expected) => Assert.Equal(expected, ReverseName.For(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.43.0.0", 16, "43.10.in-addr.arpa")]
    [InlineData("10.42.0.0", 20, "42.10.in-addr.arpa")]
    [InlineData("fd00:10:43::", 48, "3.4.0.0.0.1.0.0.0.0.d.f.ip6.arpa")]
    public void ReverseZone_OfANetwork_IsRoundedDownToWholeLabels(string network, int prefix, string expected) =>
        Assert.Equal(expected, ReverseName.ZoneFor(IPAddress.Parse(network), prefix));

    [Theory]
    [InlineData("10-42-0-5.default.pod.cluster.local", "10.42.0.5")]
    [InlineData("fd00--5.default.pod.cluster.local", "fd00::5")]
    public void PodName_SpellsItsAddress(string name, string address)
    {
        Assert.True(PodAddress.TryParse(name, "cluster.local", out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Theory]
    [InlineData("10-42-0.default.pod.cluster.local")]
    [InlineData("web.default.pod.cluster.local")]
    [InlineData("10-42-0-5.pod.cluster.local")]
    [InlineData("10-42-0-5.a.b.pod.cluster.local")]
    [InlineData("10-42-0-5.default.svc.cluster.local")]
    public void OtherNames_AreNotPodNames(string name) => Assert.False(PodAddress.TryParse(name, "cluster.local", out _));
}
