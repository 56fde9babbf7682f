using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>
/// DefaultPreemption over hollow nodes, as a user sees it: a pod of a higher PriorityClass takes the room of
/// lower-priority pods (they get a Preempted event and are deleted; it is nominated to the node, then bound there);
/// a pod whose class never preempts, and pods of equal priority, leave running pods alone.
/// </summary>
public sealed class PreemptionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHighPriorityPod_PreemptsALowPriorityPodOnAFullNode_AndBindsThere()
    {
        await using var ns = await TestNamespace.CreateAsync(fixture, "preempt-low");
        await CreateClassAsync("preempt-high", 1000, "PreemptLowerPriority");
        await using var fleet = await HollowCluster.StartAsync(fixture, "preempt-", count: 1, cpu: "4");
        await using var scheduler = RunningScheduler.Start(fixture);
        await Client.CreateAsync(ns.Name, Make.Pod("low", cpu: "3"));
        var node = await Client.BoundNodeAsync(ns.Name, "low");
        var low = await Client.PodAsync(ns.Name, "low");

        var high = Make.Pod("high", cpu: "3");
        high.Spec.PriorityClassName = "preempt-high";
        var created = await Client.CreateAsync(ns.Name, high);

        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns.Name, "low")).Any(e =>
            e is { Type: "Normal", Reason: "Preempted" } && e.Message == $"Preempted by pod {created.Metadata.Uid} on node {node}"
            && e.InvolvedObject.Uid == low.Metadata.Uid), "the victim gets a Preempted event");
        Assert.Equal(node, await Client.BoundNodeAsync(ns.Name, "high"));
        var bound = await Client.PodAsync(ns.Name, "high");
        Assert.Equal(node, bound.Status.NominatedNodeName);
        Assert.Equal(1000, bound.Spec.Priority);
        var pods = await Client.CoreV1.ListNamespacedPodAsync(ns.Name, cancellationToken: Ct);
        Assert.DoesNotContain(pods.Items, p => p.Metadata.Uid == low.Metadata.Uid);
    }

    [Fact]
    public async Task APodWhoseClassNeverPreempts_StaysPending_AndTheLowPriorityPodKeepsRunning()
    {
        await using var ns = await TestNamespace.CreateAsync(fixture, "preempt-never");
        await CreateClassAsync("preempt-polite", 1000, "Never");
        await using var fleet = await HollowCluster.StartAsync(fixture, "polite-", count: 1, cpu: "4");
        await using var scheduler = RunningScheduler.Start(fixture);
        await Client.CreateAsync(ns.Name, Make.Pod("low", cpu: "3"));
        await Client.BoundNodeAsync(ns.Name, "low");

        var polite = Make.Pod("polite", cpu: "3");
        polite.Spec.PriorityClassName = "preempt-polite";
        await Client.CreateAsync(ns.Name, polite);

        const string message = "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns.Name, "polite"))?.Message == message,
            "the pod is unschedulable, with preemption's reason");
        var lowPod = await Client.PodAsync(ns.Name, "low");
        Assert.Null(lowPod.Metadata.DeletionTimestamp);
        Assert.DoesNotContain(await Client.EventsAboutAsync(ns.Name, "low"), e => e.Reason == "Preempted");
        Assert.Null((await Client.PodAsync(ns.Name, "polite")).Status.NominatedNodeName);
    }

    [Fact]
    public async Task PodsOfEqualPriority_AreNotVictims()
    {
        await using var ns = await TestNamespace.CreateAsync(fixture, "preempt-equal");
        await using var fleet = await HollowCluster.StartAsync(fixture, "equal-", count: 1, cpu: "4");
        await using var scheduler = RunningScheduler.Start(fixture);
        await Client.CreateAsync(ns.Name, Make.Pod("first", cpu: "3"));
        await Client.BoundNodeAsync(ns.Name, "first");

        await Client.CreateAsync(ns.Name, Make.Pod("second", cpu: "3"));

        const string message = "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns.Name, "second"))?.Message == message,
            "the pod is unschedulable, and preemption found no victims");
        Assert.Null((await Client.PodAsync(ns.Name, "first")).Metadata.DeletionTimestamp);
    }

    /// <summary>
    /// A test's namespace, whose pods are deleted at the end: a pod left pending would be scheduled by the next
    /// test's scheduler onto that test's node.
    /// </summary>
    private sealed class TestNamespace : IAsyncDisposable
    {
        private readonly Kubernetes _client;

        private TestNamespace(Kubernetes client, string name)
        {
            _client = client;
            Name = name;
        }

        public string Name { get; }

        public static async Task<TestNamespace> CreateAsync(ApiServerFixture fixture, string name) => new(fixture.Client, await fixture.NamespaceAsync(name));

        public async ValueTask DisposeAsync() =>
            await _client.CoreV1.DeleteCollectionNamespacedPodAsync(Name, gracePeriodSeconds: 0, cancellationToken: CancellationToken.None);
    }

    private Task<V1PriorityClass> CreateClassAsync(string name, int value, string policy) =>
        Client.SchedulingV1.CreatePriorityClassAsync(new V1PriorityClass
        {
            Metadata = new V1ObjectMeta { Name = name },
            Value = value,
            PreemptionPolicy = policy,
        }, cancellationToken: Ct);
}
