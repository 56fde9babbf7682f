using k8s;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Pods that fit nowhere: the event and condition a user sees, and scheduling as soon as the cluster changes.</summary>
public sealed class UnschedulableTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task APodTooBigForEveryNode_GetsFailedSchedulingWithTheSummary_ThenSchedulesOnANewNodeThatFits()
    {
        var ns = await fixture.NamespaceAsync("too-big");
        await using var first = await SchedulableNodes.CreateAsync(Client, "big-a", cpu: "2");
        await using var second = await SchedulableNodes.CreateAsync(Client, "big-b", cpu: "2", taints: [Make.Taint("dedicated", "db", "NoSchedule")]);
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, Make.Pod("huge", cpu: "6"));

        // Preemption cannot help either: the pod asks for more than the node has, and evicting pods would not remove a taint.
        const string message = "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: db}. "
            + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "huge")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message == message, "PodScheduled is False/Unschedulable with the summary");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "huge")).Any(e =>
            e is { Type: "Warning", Reason: "FailedScheduling", Message: message } && e.Source?.Component == "default-scheduler"),
            "a FailedScheduling event with the summary");
        Assert.Equal(1, scheduler.Metrics.Attempts("unschedulable", "default-scheduler"));
        await Eventually.TrueAsync(async () => (await scheduler.MetricsTextAsync()).Contains("scheduler_pending_pods{queue=\"unschedulable\"} 1", StringComparison.Ordinal),
            "the pod waits in the unschedulable pool");

        // A node the pod fits arrives: the NodeAdd event retries it (after its 1 s backoff), not the 5 minute flush.
        await using var large = await SchedulableNodes.CreateAsync(Client, "big-large", cpu: "8");

        Assert.Equal("big-large", await Client.BoundNodeAsync(ns, "huge"));
        Assert.Equal("True", (await Client.ScheduledConditionAsync(ns, "huge"))?.Status);
    }

    [Fact]
    public async Task RepeatedFailures_WithTheSameMessage_UpdateTheConditionOnce_AndCountTheEvent()
    {
        var ns = await fixture.NamespaceAsync("repeat");
        await using var node = await SchedulableNodes.CreateAsync(Client, "repeat-a", cpu: "1");
        await using var scheduler = RunningScheduler.Start(fixture);
        await Client.CreateAsync(ns, Make.Pod("huge", cpu: "4"));
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "huge"))?.Reason == "Unschedulable", "the pod is unschedulable");
        var transition = (await Client.ScheduledConditionAsync(ns, "huge"))!.LastTransitionTime;

        // A label change is not an event NodeResourcesFit registered; an allocatable change is, and it still does not fit.
        await Client.CoreV1.PatchNodeStatusAsync(new k8s.Models.V1Patch("""{"status":{"allocatable":{"cpu":"1500m"}}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            "repeat-a", cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => scheduler.Metrics.Attempts("unschedulable", "default-scheduler") >= 2, "the pod was retried");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "huge")).Any(e => e is { Reason: "FailedScheduling", Count: 2 }),
            "the identical FailedScheduling event is counted");
        Assert.Equal(transition, (await Client.ScheduledConditionAsync(ns, "huge"))!.LastTransitionTime);

        // The class shares one API server: a pod left pending would be another attempt in the next test's scheduler metrics.
        await Client.CoreV1.DeleteNamespacedPodAsync("huge", ns, gracePeriodSeconds: 0, cancellationToken: TestContext.Current.CancellationToken);
    }
}

/// <summary>A cluster without nodes.</summary>
public sealed class NoNodesTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task WithoutNodes_APodIsReportedAsNoNodesAvailable()
    {
        var ns = await fixture.NamespaceAsync("no-nodes");
        await using var scheduler = RunningScheduler.Start(fixture, new SchedulerOptions { LeaderElect = false });

        await fixture.Client.CreateAsync(ns, Make.Pod("lonely"));

        await Eventually.TrueAsync(async () => (await fixture.Client.ScheduledConditionAsync(ns, "lonely")) is
            { Status: "False", Reason: "Unschedulable", Message: "no nodes available to schedule pods" }, "the pod is reported unschedulable");
        await Eventually.TrueAsync(async () => (await fixture.Client.EventsAboutAsync(ns, "lonely")).Any(e =>
            e is { Reason: "FailedScheduling", Message: "no nodes available to schedule pods" }), "with a FailedScheduling event");
    }
}
