using k8s;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>The scheduler over hollow nodes: what it binds, the hollow kubelets run.</summary>
public sealed class HollowNodeSchedulingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task PodsScheduledOntoHollowNodes_GoRunning_OnNodesWithRoom()
    {
        var ns = await fixture.NamespaceAsync("hollow-fit");
        await using var fleet = await HollowCluster.StartAsync(fixture, "fit-", count: 3, cpu: "2");
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 6; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"one-cpu-{i}", cpu: "1"));
        }

        var nodes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            nodes.Add(await Client.BoundNodeAsync(ns, $"one-cpu-{i}"));
        }
        Assert.All(nodes.GroupBy(n => n), g => Assert.Equal(2, g.Count()));
        await Eventually.TrueAsync(async () =>
        {
            var pods = await Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken);
            return pods.Items.Count == 6 && pods.Items.All(p => p.Status?.Phase == "Running");
        }, "the hollow nodes run every pod");

        await Client.CreateAsync(ns, Make.Pod("no-room", cpu: "1"));
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "no-room"))?.Reason == "Unschedulable", "no-room is unschedulable");
        var condition = await Client.ScheduledConditionAsync(ns, "no-room");
        Assert.Equal("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            condition!.Message);
    }
}
