using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Dns.Hosting;
using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>/metrics, /health and /ready, each on its own port, as CoreDNS serves them.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class HttpEndpointTests(ClusterDnsFixture fixture)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Health_IsOk()
    {
        var response = await Http.GetAsync(Url(fixture.Dns.HealthEndPoint!, "/health"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ready_IsOkOnceSynced()
    {
        var response = await Http.GetAsync(Url(fixture.Dns.ReadyEndPoint!, "/ready"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_IsUnavailableWhileTheApiCannotBeListed()
    {
        // A client aimed at a port nobody serves never syncs.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" });
        await using var dns = await RunningClusterDns.StartAsync(client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [],
            HttpAddress = IPAddress.Loopback,
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = 0,
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        var response = await Http.GetAsync(Url(dns.ReadyEndPoint!, "/ready"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Paths_AreServedOnTheirOwnPortsOnly()
    {
        var response = await Http.GetAsync(Url(fixture.Dns.HealthEndPoint!, "/metrics"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_CountRequestsResponsesCacheAndForwards_WithCoreDnsNames()
    {
        await fixture.Dig.ShortAsync("dns-version.cluster.local", "TXT");
        await fixture.Dig.ShortAsync("dns-version.cluster.local", "TXT", "+tcp");
        await fixture.Dig.StatusAsync("missing.svc.cluster.local");
        await fixture.Dig.ShortAsync($"metrics-{Guid.NewGuid():N}.external.test");
        var text = await Http.GetStringAsync(Url(fixture.Dns.MetricsEndPoint!, "/metrics"), TestContext.Current.CancellationToken);
        var server = $"dns://:{fixture.Dns.UdpEndPoints[0].Port}";
        Assert.Matches($"coredns_dns_requests_total{{server=\"{server}\",zone=\".\",proto=\"udp\",family=\"1\",type=\"TXT\"}} [1-9]", text);
        Assert.Matches($"coredns_dns_requests_total{{server=\"{server}\",zone=\".\",proto=\"tcp\",family=\"1\",type=\"TXT\"}} [1-9]", text);
        Assert.Matches($"coredns_dns_responses_total{{server=\"{server}\",zone=\".\",rcode=\"NXDOMAIN\"}} [1-9]", text);
        Assert.Matches($"coredns_dns_responses_total{{server=\"{server}\",zone=\".\",rcode=\"NOERROR\"}} [1-9]", text);
        Assert.Matches($"coredns_dns_request_duration_seconds_count{{server=\"{server}\",zone=\".\",type=\"TXT\"}} [1-9]", text);
        Assert.Matches($"coredns_cache_hits_total{{server=\"{server}\",type=\"success\",zones=\".\"}} [1-9]", text);
        Assert.Matches($"coredns_cache_misses_total{{server=\"{server}\",zones=\".\"}} [1-9]", text);
        Assert.Matches($"coredns_forward_requests_total{{to=\"127.0.0.1:{fixture.Upstream.Port}\"}} [1-9]", text);
    }

    private static Uri Url(IPEndPoint endpoint, string path) => new($"http://{endpoint}{path}");
}
