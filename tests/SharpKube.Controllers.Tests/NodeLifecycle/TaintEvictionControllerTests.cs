using k8s;
using k8s.Models;
using SharpKube.Controllers.NodeLifecycle;
using SharpKube.Controllers.Tests.Fixtures;
using static SharpKube.Controllers.Tests.NodeLifecycle.NodeLifecycleControllerTests;

namespace SharpKube.Controllers.Tests.NodeLifecycle;

public sealed class TaintEvictionControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PodsOnAnUnreachableNode_GoAtOnceWithAZeroSecondToleration_AfterTolerationSecondsWithOne_AndStayWithAnUnlimitedOne()
    {
        await using var healthy = await HandMadeNode.CreateAsync(fixture.Client, "te-healthy", "zone-evict");
        await using var silent = await HandMadeNode.CreateAsync(fixture.Client, "te-silent", "zone-evict");
        healthy.StartRenewing();
        var ns = await fixture.NamespaceAsync("te-pods");
        // Every pod tolerates the unreachable taint: the API server's DefaultTolerationSeconds admission gives one of
        // 300 s to a pod that states none, so each pod here states its own. (A taint no toleration matches is the
        // next test's.)
        var unreachable = new V1Toleration { Key = NodeTaints.Unreachable, OperatorProperty = "Exists", Effect = "NoExecute" };
        await CreateAsync(ns, BoundPod("zero-seconds", silent.Name, [For(unreachable, seconds: 0)]));
        await CreateAsync(ns, BoundPod("three-seconds", silent.Name, [For(unreachable, seconds: 3)]));
        await CreateAsync(ns, BoundPod("forever", silent.Name, [unreachable]));
        await CreateAsync(ns, BoundPod("elsewhere", healthy.Name));
        await using var controllers = RunningControllers.Start(fixture, Options("nodelifecycle", "taint-eviction-controller"));

        await Eventually.TrueAsync(async () => (await ReadAsync(ns, "zero-seconds")).Metadata.DeletionTimestamp is not null,
            "the pod tolerating the taint for 0 s is deleted");
        var tainted = (await silent.ReadAsync()).Spec.Taints.Single(t => t.Key == NodeTaints.Unreachable && t.Effect == "NoExecute");
        AssertEvicted(await ReadAsync(ns, "zero-seconds"));
        await Eventually.TrueAsync(async () => (await ReadAsync(ns, "three-seconds")).Metadata.DeletionTimestamp is not null,
            "the pod tolerating the taint for 3 s is deleted");
        var evicted = await ReadAsync(ns, "three-seconds");
        AssertEvicted(evicted);
        var evictedAt = evicted.Status.Conditions.Single(c => c.Type == "DisruptionTarget").LastTransitionTime!.Value;
        Assert.True(evictedAt - tainted.TimeAdded!.Value >= TimeSpan.FromSeconds(3),
            $"evicted at {evictedAt:O}, tainted at {tainted.TimeAdded:O}: before its toleration ran out");

        Assert.Null((await ReadAsync(ns, "forever")).Metadata.DeletionTimestamp);
        Assert.Null((await ReadAsync(ns, "elsewhere")).Metadata.DeletionTimestamp);
        var events = await fixture.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=zero-seconds", cancellationToken: Ct);
        Assert.Contains(events.Items, e => e.Reason == "TaintManagerEviction" && e.Message == $"Marking for deletion Pod {ns}/zero-seconds");
    }

    private static V1Toleration For(V1Toleration toleration, long seconds) => new()
    {
        Key = toleration.Key, OperatorProperty = toleration.OperatorProperty, Effect = toleration.Effect, TolerationSeconds = seconds,
    };

    [Fact]
    public async Task TaintLiftedBeforeTheTolerationRunsOut_CancelsTheEviction()
    {
        await using var lifted = await HandMadeNode.CreateAsync(fixture.Client, "te-lifted", "zone-lifted");
        await using var kept = await HandMadeNode.CreateAsync(fixture.Client, "te-kept", "zone-lifted");
        var ns = await fixture.NamespaceAsync("te-lifted");
        var twoSeconds = new List<V1Toleration> { new() { Key = "example.com/maintenance", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 2 } };
        await CreateAsync(ns, BoundPod("patient", lifted.Name, twoSeconds));
        await CreateAsync(ns, BoundPod("untolerated", lifted.Name));
        await CreateAsync(ns, BoundPod("sentinel", kept.Name, twoSeconds));
        await using var controllers = RunningControllers.Start(fixture, NodeLifecycleControllerTests.Options("taint-eviction-controller"));

        await TaintAsync(lifted.Name);
        // The pod without a toleration going shows the controller has seen the taint (and scheduled the patient's eviction).
        await Eventually.TrueAsync(async () => (await ReadAsync(ns, "untolerated")).Metadata.DeletionTimestamp is not null, "the untolerating pod is deleted");
        await fixture.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"taints":null}}""", V1Patch.PatchType.MergePatch), lifted.Name, cancellationToken: Ct);
        // Tainted after the lift, the sentinel's eviction falls due after the patient's would have.
        await TaintAsync(kept.Name);

        await Eventually.TrueAsync(async () => (await ReadAsync(ns, "sentinel")).Metadata.DeletionTimestamp is not null, "the sentinel pod is deleted");
        Assert.Null((await ReadAsync(ns, "patient")).Metadata.DeletionTimestamp);
        var events = await fixture.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=patient", cancellationToken: Ct);
        Assert.Contains(events.Items, e => e.Reason == "TaintManagerEviction" && e.Message == $"Cancelling deletion of Pod {ns}/patient");
    }

    private Task TaintAsync(string node) =>
        fixture.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"taints":[{"key":"example.com/maintenance","effect":"NoExecute"}]}}""",
            V1Patch.PatchType.MergePatch), node, cancellationToken: Ct);

    [Theory]
    [InlineData("k", "Equal", "v", "NoExecute", true)]
    [InlineData("k", null, "v", "NoExecute", true)]
    [InlineData("k", "Equal", "other", "NoExecute", false)]
    [InlineData("k", "Exists", null, "", true)]
    [InlineData("", "Exists", null, "NoExecute", true)]
    [InlineData("other", "Exists", null, "NoExecute", false)]
    [InlineData("k", "Exists", null, "NoSchedule", false)]
    public void Toleration_MatchesTaint_ByUpstreamsRules(string key, string? op, string? value, string effect, bool tolerates) =>
        Assert.Equal(tolerates, SharpKube.Controllers.TaintEviction.Tolerations.Tolerates(
            new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect },
            new V1Taint { Key = "k", Value = "v", Effect = "NoExecute" }));

    private Task CreateAsync(string ns, V1Pod pod) => fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);

    private Task<V1Pod> ReadAsync(string ns, string name) => fixture.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: Ct);

    private static void AssertEvicted(V1Pod pod)
    {
        var condition = Assert.Single(pod.Status.Conditions, c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"),
            (condition.Status, condition.Reason, condition.Message));
    }
}
