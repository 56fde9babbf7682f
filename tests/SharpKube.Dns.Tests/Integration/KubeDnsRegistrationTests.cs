using k8s;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Dns.Hosting;
using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>The kube-dns Service and this node's EndpointSlice for it.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class KubeDnsRegistrationTests(ClusterDnsFixture fixture)
{
    [Fact]
    public async Task Registration_CreatesTheSelectorlessService_AndTheNodesSlice_ThenResolvesIt()
    {
        await using var dns = await RunningClusterDns.StartAsync(fixture.Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [],
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = null,
            RegisterService = true,
            NodeName = "node-a",
            NodeIp = IPAddress.Parse("192.0.2.10"),
            ClusterDnsIp = IPAddress.Parse("10.43.0.10"),
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        var dig = new Dig("127.0.0.1", dns.UdpEndPoints[0].Port);
        await Eventually.TrueAsync(async () => (await dig.ShortAsync("kube-dns.kube-system.svc.cluster.local")).SequenceEqual(["10.43.0.10"]),
            "the kube-dns Service resolves");
        var service = await fixture.Client.CoreV1.ReadNamespacedServiceAsync("kube-dns", "kube-system", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(service.Spec.Selector);
        Assert.Equal("kube-dns", service.Metadata.Labels["k8s-app"]);
        Assert.Equal("true", service.Metadata.Labels["kubernetes.io/cluster-service"]);
        Assert.Equal("CoreDNS", service.Metadata.Labels["kubernetes.io/name"]);
        Assert.Equal(["dns-tcp/53/TCP", "dns/53/UDP", "metrics/9153/TCP"], service.Spec.Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));
        var slice = await fixture.Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("kube-dns-node-a", "kube-system",
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("kube-dns", slice.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.Equal("dns.sharpkube.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        var endpoint = Assert.Single(slice.Endpoints);
        Assert.Equal(["192.0.2.10"], endpoint.Addresses);
        Assert.True(endpoint.Conditions.Ready);
        Assert.Equal("node-a", endpoint.NodeName);
        Assert.Equal([$"dns-tcp/{dns.UdpEndPoints[0].Port}/TCP", $"dns/{dns.UdpEndPoints[0].Port}/UDP", "metrics/9153/TCP"],
            slice.Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));
        Assert.Equal(["ns.dns.cluster.local."], await dig.ShortAsync("cluster.local", "NS"));
        Assert.Equal(["10.43.0.10"], await dig.ShortAsync("ns.dns.cluster.local"));
    }
}
