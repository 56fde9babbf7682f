using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Dns.Hosting;
using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>Names outside the cluster go to the upstream resolvers, and the answers are cached as their TTLs allow.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class ForwardingTests(ClusterDnsFixture fixture)
{
    [Fact]
    public async Task ExternalName_IsForwarded_AndTheSecondQueryIsAnsweredFromTheCache()
    {
        var name = $"cached-{Guid.NewGuid():N}.external.test";
        Assert.Equal(["192.0.2.7"], await fixture.Dig.ShortAsync(name));
        Assert.Equal(1, fixture.Upstream.QueriesFor(name));
        Assert.Equal(["192.0.2.7"], await fixture.Dig.ShortAsync(name));
        var full = await fixture.Dig.FullAsync(name);
        Assert.Contains("status: NOERROR", full, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Upstream.QueriesFor(name));
    }

    [Fact]
    public async Task NegativeAnswer_WithAnSoa_IsCachedToo()
    {
        await using var upstream = new TestUpstream();
        await using var dns = await StartAsync(upstream);
        var dig = new Dig("127.0.0.1", dns.UdpEndPoints[0].Port);
        var name = $"nx.{Guid.NewGuid():N}.example";
        Assert.Equal("NXDOMAIN", await dig.StatusAsync(name));
        Assert.Equal("NXDOMAIN", await dig.StatusAsync(name));
        Assert.Equal(1, upstream.UdpQueries[name]);
    }

    [Fact]
    public async Task ForwardedAnswer_AgesItsTtlInTheCache()
    {
        await using var upstream = new TestUpstream();
        await using var dns = await StartAsync(upstream);
        var dig = new Dig("127.0.0.1", dns.UdpEndPoints[0].Port);
        var name = $"aged.{Guid.NewGuid():N}.example";
        Assert.Matches(@"IN\s+A\s+192\.0\.2\.99", await dig.FullAsync(name));
        await Eventually.TrueAsync(async () => System.Text.RegularExpressions.Regex.IsMatch(await dig.FullAsync(name), @"\s(2[0-9])\s+IN\s+A\s+192\.0\.2\.99"),
            "the cached TTL counts down", TimeSpan.FromSeconds(15));
        Assert.Equal(1, upstream.UdpQueries[name]);
    }

    [Fact]
    public async Task TruncatedUpstreamAnswer_IsAskedAgainOverTcp()
    {
        await using var upstream = new TestUpstream();
        await using var dns = await StartAsync(upstream);
        var dig = new Dig("127.0.0.1", dns.UdpEndPoints[0].Port);
        var name = $"tc.{Guid.NewGuid():N}.example";
        Assert.Equal(["192.0.2.99"], await dig.ShortAsync(name));
        Assert.Equal(1, upstream.UdpQueries[name]);
        Assert.Equal(1, upstream.TcpQueries[name]);
    }

    [Fact]
    public async Task NoUpstreamAnswering_IsServfail()
    {
        await using var dns = await RunningClusterDns.StartAsync(fixture.Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [],
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = null,
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        Assert.Equal("SERVFAIL", await new Dig("127.0.0.1", dns.UdpEndPoints[0].Port).StatusAsync("anything.example"));
    }

    private Task<RunningClusterDns> StartAsync(TestUpstream upstream) =>
        RunningClusterDns.StartAsync(fixture.Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [upstream.EndPoint],
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = null,
            UdpWorkers = 1,
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
}
