using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.HollowNodes;

public sealed class HollowPodLifecycleTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABoundPod_BecomesRunningAndReady_WithAnIpFromTheNodesFallbackBlock_AndContainerStatuses()
    {
        var ns = await fixture.NamespaceAsync("pods-run");
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("run-"));

        await HollowFleets.BindPodAsync(fixture.Client, ns, "web", "run-2", withInitContainer: true);
        var pod = await HollowFleets.RunningPodAsync(fixture.Client, ns, "web");

        // No node IPAM runs here: node 2 takes the third /24 of the default fallback 10.244.0.0/16, from .2 on.
        Assert.Equal("10.244.2.2", pod.Status.PodIP);
        Assert.Equal(["10.244.2.2"], pod.Status.PodIPs.Select(p => p.Ip));
        Assert.Equal(("10.240.0.3", "10.240.0.3"), (pod.Status.HostIP, pod.Status.HostIPs.Single().Ip));
        Assert.NotNull(pod.Status.StartTime);
        Assert.Equal(["ContainersReady", "Initialized", "PodReadyToStartContainers", "PodScheduled", "Ready"],
            pod.Status.Conditions.Where(c => c.Status == "True").Select(c => c.Type).Order(StringComparer.Ordinal));
        var app = Assert.Single(pod.Status.ContainerStatuses);
        Assert.Equal(("app", "registry.example/team/app:v2", true, true, 0), (app.Name, app.Image, app.Ready, app.Started, app.RestartCount));
        Assert.NotNull(app.State.Running?.StartedAt);
        Assert.StartsWith("hollow://", app.ContainerID, StringComparison.Ordinal);
        Assert.StartsWith("registry.example/team/app@sha256:", app.ImageID, StringComparison.Ordinal);
        var setup = Assert.Single(pod.Status.InitContainerStatuses);
        Assert.Equal(("setup", 0, "Completed", true), (setup.Name, setup.State.Terminated?.ExitCode, setup.State.Terminated?.Reason, setup.Ready));
        Assert.Equal("BestEffort", pod.Status.QosClass);
    }

    [Fact]
    public async Task ADeletedPod_Disappears_WithoutWaitingForItsGracePeriod()
    {
        var ns = await fixture.NamespaceAsync("pods-delete");
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("del-", count: 1));
        await HollowFleets.BindPodAsync(fixture.Client, ns, "doomed", "del-0");
        await HollowFleets.RunningPodAsync(fixture.Client, ns, "doomed");

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("doomed", ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await fixture.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items.Count == 0,
            "the deleted pod is gone", TimeSpan.FromSeconds(10));
        // The fleet counts the removal once its delete is answered, which can be after a list shows the pod gone.
        await Eventually.TrueAsync(() => fleet.PodsRemoved == 1, "the fleet counts one removal", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PodsOfOneNode_GetDistinctIps_AndPodsElsewhereAreLeftAlone()
    {
        var ns = await fixture.NamespaceAsync("pods-many");
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("many-", count: 1));
        await HollowFleets.BindPodAsync(fixture.Client, ns, "stranger", "not-a-hollow-node");
        for (var i = 0; i < 5; i++)
        {
            await HollowFleets.BindPodAsync(fixture.Client, ns, "p" + i, "many-0");
        }

        var ips = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ips.Add((await HollowFleets.RunningPodAsync(fixture.Client, ns, "p" + i)).Status.PodIP);
        }

        Assert.Equal(5, ips.Distinct().Count());
        Assert.All(ips, ip => Assert.True(HollowFleets.InCidr(ip, "10.244.0.0/24"), ip));
        Assert.Equal("Pending", (await fixture.Client.CoreV1.ReadNamespacedPodAsync("stranger", ns, cancellationToken: Ct)).Status.Phase);
    }

    [Fact]
    public async Task WithTheNodeIpamController_PodIpsComeFromTheNodesPodCidr()
    {
        var ns = await fixture.NamespaceAsync("pods-ipam");
        await using var controllers = RunningControllers.Start(fixture, new ControllerManagerOptions
        {
            LeaderElect = false,
            Controllers = new HashSet<string> { "nodeipam" },
            ClusterCidr = "10.42.0.0/16",
        });
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("ipam-", count: 2));
        string? cidr = null;
        await Eventually.TrueAsync(async () => (cidr = (await fixture.Client.CoreV1.ReadNodeAsync("ipam-1", cancellationToken: Ct)).Spec.PodCIDR) is not null,
            "the node IPAM controller gave the node a pod CIDR");

        await HollowFleets.BindPodAsync(fixture.Client, ns, "api", "ipam-1");
        var pod = await HollowFleets.RunningPodAsync(fixture.Client, ns, "api");

        Assert.True(HollowFleets.InCidr(pod.Status.PodIP, cidr!), $"{pod.Status.PodIP} is in {cidr}");
        Assert.True(HollowFleets.InCidr(pod.Status.PodIP, "10.42.0.0/16"));
    }

    [Fact]
    public async Task ARestartedFleet_KeepsTheIpsItsPodsHold()
    {
        var ns = await fixture.NamespaceAsync("pods-restart");
        string firstIp;
        await using (var first = await HollowFleets.StartAsync(fixture, HollowFleets.Options("keep-", count: 1)))
        {
            await HollowFleets.BindPodAsync(fixture.Client, ns, "old", "keep-0");
            firstIp = (await HollowFleets.RunningPodAsync(fixture.Client, ns, "old")).Status.PodIP;
        }

        await using var second = await HollowFleets.StartAsync(fixture, HollowFleets.Options("keep-", count: 1));
        await HollowFleets.BindPodAsync(fixture.Client, ns, "new", "keep-0");
        var newIp = (await HollowFleets.RunningPodAsync(fixture.Client, ns, "new")).Status.PodIP;

        Assert.NotEqual(firstIp, newIp);
        Assert.Equal(firstIp, (await fixture.Client.CoreV1.ReadNamespacedPodAsync("old", ns, cancellationToken: Ct)).Status.PodIP);
    }
}
