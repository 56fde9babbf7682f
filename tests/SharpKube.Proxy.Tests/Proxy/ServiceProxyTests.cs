using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Changes;
using SharpKube.Proxy.Tests.Iptables;
using SharpKube.Proxy.Tests.Network;

namespace SharpKube.Proxy.Tests.Proxy;

/// <summary>The whole proxy: informers on a real API server, the sync loop, iptables in a private node namespace.</summary>
public sealed class ServiceProxyTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceAndEndpointSlice_AreProgrammed_AndEndpointChangesFollow()
    {
        await using var network = await ServiceNetwork.CreateAsync(2, Ct);
        var ns = "proxy-" + Guid.NewGuid().ToString("N")[..6];
        await api.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        await using var proxy = await ServiceProxy.StartAsync(api.Client, Options(network), NullLoggerFactory.Instance, Ct);

        var service = await api.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }], Type = "NodePort" },
        }, ns, cancellationToken: Ct);
        var clusterIP = IPAddress.Parse(service.Spec.ClusterIP);
        var nodePort = service.Spec.Ports[0].NodePort!.Value;

        // No EndpointSlice yet: the Service is programmed as having no endpoints, and refused.
        await Eventually(async () =>
        {
            var refused = await Assert.ThrowsAsync<SocketException>(() => network.TcpRequestAsync(clusterIP, 80, IptablesNode.Timeout));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        });

        var slice = await api.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("web-abc", network.EndpointAddresses[0]), ns, cancellationToken: Ct);
        await Eventually(async () => Assert.Equal("ep0", await network.TcpRequestAsync(clusterIP, 80, IptablesNode.Timeout)));
        Assert.Equal("ep0", await network.TcpRequestFromOutsideAsync(network.NodeAddress, nodePort, IptablesNode.Timeout));

        slice.Endpoints = [Endpoint(network.EndpointAddresses[1])];
        await api.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, ns, cancellationToken: Ct);
        await Eventually(async () => Assert.Equal("ep1", await network.TcpRequestAsync(clusterIP, 80, IptablesNode.Timeout)));

        Assert.True(proxy.Metrics.Syncs >= 2);
        Assert.True(proxy.Metrics.ProgrammedChanges >= 2);
        var applied = proxy.Loop.Applied!;
        Assert.Contains(applied.Services.Keys, name => name.ServiceKey == ns + "/web");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{proxy.MetricsServer!.EndPoint.Port}/metrics", Ct);
        Assert.Contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket", metrics);
        Assert.Contains("kubeproxy_network_programming_duration_seconds_count", metrics);
        Assert.Matches(@"kubeproxy_sync_proxy_rules_endpoint_changes_total [1-9]", metrics);
        var health = await http.GetAsync($"http://127.0.0.1:{proxy.HealthServer!.EndPoint.Port}/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("lastUpdated", await health.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DeletedService_LosesItsRules()
    {
        await using var network = await ServiceNetwork.CreateAsync(1, Ct);
        var ns = "proxy-" + Guid.NewGuid().ToString("N")[..6];
        await api.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        await using var proxy = await ServiceProxy.StartAsync(api.Client, Options(network), NullLoggerFactory.Instance, Ct);
        var service = await api.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "gone" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }] },
        }, ns, cancellationToken: Ct);
        await api.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("gone-abc", network.EndpointAddresses[0], "gone"), ns, cancellationToken: Ct);
        var clusterIP = IPAddress.Parse(service.Spec.ClusterIP);
        await Eventually(async () => Assert.Equal("ep0", await network.TcpRequestAsync(clusterIP, 80, IptablesNode.Timeout)));

        await api.Client.CoreV1.DeleteNamespacedServiceAsync("gone", ns, cancellationToken: Ct);

        await Eventually(() =>
        {
            Assert.DoesNotContain(proxy.Loop.Applied!.Services.Keys, name => name.ServiceKey == ns + "/gone");
            return Task.CompletedTask;
        });
        await Assert.ThrowsAnyAsync<Exception>(() => network.TcpRequestAsync(clusterIP, 80, TimeSpan.FromMilliseconds(500)));
    }

    private static ProxyOptions Options(ServiceNetwork network) => new()
    {
        NodeName = "node-a",
        NetworkNamespace = network.NodeNamespace,
        NodeAddresses = [network.NodeAddress],
        MetricsBindAddress = "127.0.0.1:0",
        HealthzBindAddress = "127.0.0.1:0",
        ServeServiceHealthChecks = false,
    };

    private static V1EndpointSlice Slice(string name, IPAddress address, string service = "web") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { [SliceEndpoints.ServiceNameLabel] = service },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Port = 8080, Protocol = "TCP", Name = "" }],
        Endpoints = [Endpoint(address)],
    };

    private static V1Endpoint Endpoint(IPAddress address) => new()
    {
        Addresses = [address.ToString()],
        Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
        NodeName = "node-a",
    };

    /// <summary>Retries <paramref name="check"/> until it passes or 10 seconds have gone.</summary>
    private static async Task Eventually(Func<Task> check)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }
        }
    }
}
