using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Changes;
using SharpKube.Proxy.Iptables;
using SharpKube.Proxy.Metrics;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Sync;
using SharpKube.Proxy.Tests.Iptables;

namespace SharpKube.Proxy.Tests.Sync;

public sealed class ProxySyncLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailedRestore_IsCountedAndRetried_AndTheRetryRecoversOnceTheCauseIsGone()
    {
        await using var node = await IptablesNode.CreateAsync(1);
        var options = new ProxyOptions { NodeName = "node-a", NetworkNamespace = node.Network.NodeNamespace };
        var tracker = new ServiceChangeTracker("node-a");
        var metrics = new ProxyMetrics();
        var loop = new ProxySyncLoop(node.Backend, tracker, options, metrics, [node.Network.NodeAddress], null, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = loop.RunAsync(stop.Token);

        tracker.OnService(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec { ClusterIP = "10.43.0.20", ClusterIPs = ["10.43.0.20"], Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }] },
        });
        tracker.OnSlice(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default", Labels = new Dictionary<string, string> { [SliceEndpoints.ServiceNameLabel] = "web" } },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Port = 8080, Protocol = "TCP" }],
            Endpoints = [new V1Endpoint { Addresses = [node.Network.EndpointAddresses[0].ToString()], Conditions = new V1EndpointConditions { Ready = true } }],
        });
        await Until(() => loop.Applied?.Endpoints.Count == 1);
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));

        var chain = ChainNames.Service(new ServicePortName("default", "web", "", ServiceProtocol.Tcp));
        string[] foreign = ["-w", "5", "-t", "nat", "-A", "OUTPUT", "-d", "203.0.113.1", "-j", chain];
        await node.Commands.RunCheckedAsync("iptables", foreign, null, Ct);
        tracker.OnServiceDeleted(new V1Service { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" } });

        await Until(() => metrics.RestoreFailures >= 1);
        Assert.Equal("ep0", await node.Network.TcpRequestAsync(IPAddress.Parse("10.43.0.20"), 80, IptablesNode.Timeout));
        Assert.NotEmpty(loop.Applied!.Services);

        foreign[4] = "-D";
        await node.Commands.RunCheckedAsync("iptables", foreign, null, Ct);
        await Until(() => loop.Applied!.Services.Count == 0);
        Assert.True(node.Backend.LastSyncWasFull);
        Assert.DoesNotContain(chain, await node.SaveAsync());

        await stop.CancelAsync();
        await running;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20, Ct);
        }
    }
}
