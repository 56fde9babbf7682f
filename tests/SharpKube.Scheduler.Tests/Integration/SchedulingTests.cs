using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>The scheduler against a real API server with hand-made nodes: binding, spreading, taints, and pods it must leave alone.</summary>
public sealed class SchedulingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Pods_AreBoundToNodesTheyFit_SpreadByLeastAllocated_WithAScheduledEvent()
    {
        var ns = await fixture.NamespaceAsync("spread");
        await using var a = await SchedulableNodes.CreateAsync(Client, "spread-a", cpu: "4");
        await using var b = await SchedulableNodes.CreateAsync(Client, "spread-b", cpu: "4");
        await using var c = await SchedulableNodes.CreateAsync(Client, "spread-c", cpu: "4");
        await using var small = await SchedulableNodes.CreateAsync(Client, "spread-small", cpu: "500m");
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 6; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"web-{i}", cpu: "1", memory: "1Gi"));
        }

        var nodes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            nodes.Add(await Client.BoundNodeAsync(ns, $"web-{i}"));
        }
        // Each pod goes to the emptiest node that fits: two per node, none on the node too small for them.
        Assert.Equal(["spread-a", "spread-a", "spread-b", "spread-b", "spread-c", "spread-c"], nodes.Order());
        var condition = await Client.ScheduledConditionAsync(ns, "web-0");
        Assert.Equal("True", condition?.Status);
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "web-0")).Any(e =>
            e is { Reason: "Scheduled", Type: "Normal" } && e.Message == $"Successfully assigned {ns}/web-0 to {nodes[0]}"
            && e.Source?.Component == "default-scheduler"), "a Scheduled event from default-scheduler");
        Assert.Equal(6, scheduler.Metrics.Attempts("scheduled", "default-scheduler"));
    }

    [Fact]
    public async Task Taints_KeepPodsThatDoNotTolerateThemAway_AndPreferNoScheduleSteersTolerantPods()
    {
        var ns = await fixture.NamespaceAsync("taints");
        await using var gpu = await SchedulableNodes.CreateAsync(Client, "taints-gpu", taints: [Make.Taint("dedicated", "gpu", "NoSchedule")]);
        await using var plain = await SchedulableNodes.CreateAsync(Client, "taints-plain", taints: [Make.Taint("busy", "yes", "PreferNoSchedule")]);
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"plain-{i}", cpu: "100m"));
        }
        await Client.CreateAsync(ns, Make.Pod("trainer", cpu: "100m", tolerations: [Make.Toleration("dedicated", "gpu", "NoSchedule")]));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("taints-plain", await Client.BoundNodeAsync(ns, $"plain-{i}"));
        }
        // The tolerating pod may use either node; the PreferNoSchedule taint it does not tolerate (weight 3) sends it to the gpu node.
        Assert.Equal("taints-gpu", await Client.BoundNodeAsync(ns, "trainer"));
    }

    [Fact]
    public async Task AGatedPod_WaitsUntilItsGatesAreRemoved_AndAnotherSchedulersPodIsLeftAlone()
    {
        var ns = await fixture.NamespaceAsync("gates");
        await using var node = await SchedulableNodes.CreateAsync(Client, "gates-node");
        await using var scheduler = RunningScheduler.Start(fixture);
        await Client.CreateAsync(ns, Make.Pod("gated", gates: ["example.com/quota"]));
        await Client.CreateAsync(ns, Make.Pod("elsewhere", schedulerName: "my-scheduler"));
        await Client.CreateAsync(ns, Make.Pod("sentinel"));

        // Pods are queued in the order the informer delivers them: once the later one is bound, the others were seen.
        await Client.BoundNodeAsync(ns, "sentinel");
        Assert.Equal("", await Client.NodeOfAsync(ns, "gated"));
        Assert.Equal("", await Client.NodeOfAsync(ns, "elsewhere"));
        Assert.Equal("SchedulingGated", (await Client.ScheduledConditionAsync(ns, "gated"))?.Reason);
        Assert.Null(await Client.ScheduledConditionAsync(ns, "elsewhere"));
        Assert.Contains("scheduler_pending_pods{queue=\"gated\"} 1", await scheduler.MetricsTextAsync(), StringComparison.Ordinal);

        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"spec":{"schedulingGates":null}}""", V1Patch.PatchType.MergePatch),
            "gated", ns, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("gates-node", await Client.BoundNodeAsync(ns, "gated"));
        Assert.Equal("", await Client.NodeOfAsync(ns, "elsewhere"));
        Assert.DoesNotContain(await Client.EventsAboutAsync(ns, "elsewhere"), e => e.Source?.Component == "default-scheduler");
    }
}
