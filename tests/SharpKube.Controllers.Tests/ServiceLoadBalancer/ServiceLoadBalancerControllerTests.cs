using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.ServiceLoadBalancer;

public sealed class ServiceLoadBalancerControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ControllerManagerOptions Options() => new()
    {
        LeaderElect = false,
        Controllers = new HashSet<string> { "servicelb" },
        Workers = 1,
    };

    [Fact]
    public async Task LoadBalancerService_GetsTheReadyNodesInternalIPs_AndFollowsTheirReadiness()
    {
        await using var controllers = RunningControllers.Start(fixture, Options());
        await CreateNodeAsync("lb-b", "192.0.2.12", ready: true);
        await CreateNodeAsync("lb-a", "192.0.2.11", ready: true);
        await CreateNodeAsync("lb-c", "192.0.2.13", ready: false);

        await CreateServiceAsync("lb-web", "LoadBalancer");

        await Eventually.TrueAsync(async () => (await IngressAsync("lb-web", "192.0.2.1")).SequenceEqual(["192.0.2.11", "192.0.2.12"]),
            "the service's ingress lists the two Ready nodes, sorted");
        var service = await fixture.Client.CoreV1.ReadNamespacedServiceAsync("lb-web", "default", cancellationToken: Ct);
        Assert.All(service.Status.LoadBalancer.Ingress, i => Assert.Equal("VIP", i.IpMode));

        await SetReadyAsync("lb-c", true);
        await Eventually.TrueAsync(async () => (await IngressAsync("lb-web", "192.0.2.1")).Count == 3, "a node turning Ready joins the ingress");
        await SetReadyAsync("lb-a", false);
        await Eventually.TrueAsync(async () => (await IngressAsync("lb-web", "192.0.2.1")).SequenceEqual(["192.0.2.12", "192.0.2.13"]),
            "a node turning NotReady leaves the ingress");

        await fixture.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"spec":{"type":"ClusterIP"}}""", V1Patch.PatchType.MergePatch),
            "lb-web", "default", cancellationToken: Ct);
        await Eventually.TrueAsync(async () => (await IngressAsync("lb-web")).Count == 0, "a service that is no longer a LoadBalancer loses its ingress");
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task ServicesOfOtherTypesOrClasses_AreLeftAlone()
    {
        await using var controllers = RunningControllers.Start(fixture, Options());
        await CreateNodeAsync("other-a", "192.0.2.21", ready: true);
        await CreateServiceAsync("other-class", "LoadBalancer", loadBalancerClass: "example.com/other");
        await CreateServiceAsync("other-nodeport", "NodePort");
        await CreateServiceAsync("other-ours", "LoadBalancer");

        // One worker syncs services in the order they were queued, so once the last one has its ingress the others were seen.
        await Eventually.TrueAsync(async () => (await IngressAsync("other-ours")).Contains("192.0.2.21"), "our service has its ingress");
        Assert.Empty(await IngressAsync("other-class"));
        Assert.Empty(await IngressAsync("other-nodeport"));
    }

    private async Task CreateNodeAsync(string name, string ip, bool ready)
    {
        await fixture.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        var node = await fixture.Client.CoreV1.ReadNodeAsync(name, cancellationToken: Ct);
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = ip }, new V1NodeAddress { Type = "Hostname", Address = name }],
            Conditions = [Condition(ready)],
        };
        await fixture.Client.CoreV1.ReplaceNodeStatusAsync(node, name, cancellationToken: Ct);
    }

    private async Task SetReadyAsync(string name, bool ready)
    {
        var node = await fixture.Client.CoreV1.ReadNodeAsync(name, cancellationToken: Ct);
        node.Status.Conditions = [Condition(ready)];
        await fixture.Client.CoreV1.ReplaceNodeStatusAsync(node, name, cancellationToken: Ct);
    }

    private static V1NodeCondition Condition(bool ready) => new()
    {
        Type = "Ready",
        Status = ready ? "True" : "False",
        Reason = ready ? "KubeletReady" : "KubeletNotReady",
        LastHeartbeatTime = DateTime.UtcNow,
        LastTransitionTime = DateTime.UtcNow,
    };

    private Task CreateServiceAsync(string name, string type, string? loadBalancerClass = null) =>
        fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Type = type,
                LoadBalancerClass = loadBalancerClass,
                Selector = new Dictionary<string, string> { ["app"] = name },
                Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
            },
        }, "default", cancellationToken: Ct);

    /// <summary>The service's ingress addresses, only those of this test's nodes when <paramref name="prefix"/> is given (the tests share one API server).</summary>
    private async Task<List<string>> IngressAsync(string name, string prefix = "")
    {
        var service = await fixture.Client.CoreV1.ReadNamespacedServiceAsync(name, "default", cancellationToken: Ct);
        return (service.Status?.LoadBalancer?.Ingress ?? []).Select(i => i.Ip).Where(ip => ip.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}
