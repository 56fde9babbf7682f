using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.NodeLifecycle;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.NodeLifecycle;

public sealed class NodeLifecycleControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static ControllerManagerOptions Options(params string[] controllers) => new()
    {
        LeaderElect = false,
        Controllers = controllers.ToHashSet(),
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(5),
        NodeLifecycle = new NodeLifecycleOptions { MonitorPeriod = TimeSpan.FromMilliseconds(200), StartupGracePeriod = TimeSpan.FromSeconds(5) },
    };

    [Fact]
    public async Task SilentNode_GetsUnknownConditionsAndUnreachableTaints_WhichGoWhenItPostsReadyAgain()
    {
        await using var healthy = await HandMadeNode.CreateAsync(fixture.Client, "lc-healthy", "zone-silent");
        await using var silent = await HandMadeNode.CreateAsync(fixture.Client, "lc-silent", "zone-silent");
        healthy.StartRenewing();
        await using var controllers = RunningControllers.Start(fixture, Options("nodelifecycle"));

        await Eventually.TrueAsync(async () => Ready(await silent.ReadAsync())?.Status == "Unknown", "the silent node's Ready condition is Unknown");
        var node = await silent.ReadAsync();
        var ready = Ready(node)!;
        Assert.Equal(("NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Reason, ready.Message));
        var memory = node.Status.Conditions.Single(c => c.Type == "MemoryPressure");
        Assert.Equal(("Unknown", "NodeStatusUnknown"), (memory.Status, memory.Reason));
        foreach (var type in new[] { "DiskPressure", "PIDPressure" })
        {
            var never = node.Status.Conditions.Single(c => c.Type == type);
            Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (never.Status, never.Reason, never.Message));
        }
        await Eventually.TrueAsync(async () => HasTaint(await silent.ReadAsync(), NodeTaints.Unreachable, "NoExecute")
            && HasTaint(await silent.ReadAsync(), NodeTaints.Unreachable, "NoSchedule"), "the silent node is tainted unreachable");
        Assert.NotNull((await silent.ReadAsync()).Spec.Taints.Single(t => t.Effect == "NoExecute").TimeAdded);
        var stillHealthy = await healthy.ReadAsync();
        Assert.Equal("True", Ready(stillHealthy)!.Status);
        Assert.Null(stillHealthy.Spec.Taints);

        await silent.RenewLeaseAsync(Ct);
        await silent.PostReadyAsync("True");

        await Eventually.TrueAsync(async () => (await silent.ReadAsync()).Spec.Taints is null or { Count: 0 }, "the recovered node loses its taints");
        Assert.Equal("True", Ready(await silent.ReadAsync())!.Status);
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task NodeReportingNotReady_IsTaintedNotReady_AndItsReadyPodsAreMarkedNotReady()
    {
        await using var healthy = await HandMadeNode.CreateAsync(fixture.Client, "lc-fine", "zone-notready");
        await using var broken = await HandMadeNode.CreateAsync(fixture.Client, "lc-broken", "zone-notready");
        healthy.StartRenewing();
        broken.StartRenewing();
        var ns = await fixture.NamespaceAsync("lc-notready");
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(BoundPod("web", broken.Name), ns, cancellationToken: Ct);
        await fixture.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(
            """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", V1Patch.PatchType.StrategicMergePatch),
            "web", ns, cancellationToken: Ct);
        await using var controllers = RunningControllers.Start(fixture, Options("nodelifecycle"));

        await broken.PostReadyAsync("False");

        await Eventually.TrueAsync(async () => HasTaint(await broken.ReadAsync(), NodeTaints.NotReady, "NoExecute")
            && HasTaint(await broken.ReadAsync(), NodeTaints.NotReady, "NoSchedule"), "the node reporting NotReady is tainted not-ready");
        Assert.False(HasTaint(await broken.ReadAsync(), NodeTaints.Unreachable, "NoExecute"));
        await Eventually.TrueAsync(async () => (await fixture.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: Ct))
            .Status.Conditions.Single(c => c.Type == "Ready").Status == "False", "the pod on the not-ready node is not Ready");
        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("web", ns, gracePeriodSeconds: 0, cancellationToken: Ct);
    }

    [Fact]
    public async Task CordonedNode_KeepsSpecUnschedulable_AndGetsTheUnschedulableTaint_UntilUncordoned()
    {
        await using var node = await HandMadeNode.CreateAsync(fixture.Client, "lc-cordoned", "zone-cordon");
        node.StartRenewing();
        await using var controllers = RunningControllers.Start(fixture, Options("nodelifecycle"));
        var kubectl = new KubectlRunner(fixture.Server.AdminKubeconfigPath, Path.Combine(fixture.DataDir, "kubectl-home"));

        (await kubectl.RunAsync("cordon", node.Name)).EnsureSuccess();

        await Eventually.TrueAsync(async () => HasTaint(await node.ReadAsync(), NodeTaints.Unschedulable, "NoSchedule"), "the cordoned node has the unschedulable taint");
        Assert.True((await node.ReadAsync()).Spec.Unschedulable);

        (await kubectl.RunAsync("uncordon", node.Name)).EnsureSuccess();

        await Eventually.TrueAsync(async () => !HasTaint(await node.ReadAsync(), NodeTaints.Unschedulable, "NoSchedule"), "the uncordoned node loses the taint");
        Assert.NotEqual(true, (await node.ReadAsync()).Spec.Unschedulable);
    }

    [Fact]
    public async Task WhenNoNodeAnywhereIsReady_NoExecuteTaintsAreLifted_AndNoneAdded()
    {
        // The only node is down, tainted for eviction before (as by an earlier controller): with every zone down the
        // control plane is the likely fault, so upstream lifts the taint rather than evicting every pod.
        await using var alone = await HandMadeNode.CreateAsync(fixture.Client, "lc-alone", "zone-alone", ready: "Unknown");
        await fixture.Client.CoreV1.PatchNodeAsync(new V1Patch(
            """{"spec":{"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2025-01-01T00:00:00Z"}]}}""",
            V1Patch.PatchType.MergePatch), alone.Name, cancellationToken: Ct);
        var others = (await fixture.Client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items.Where(n => n.Metadata.Name != alone.Name);
        Assert.Empty(others);

        await using var controllers = RunningControllers.Start(fixture, Options("nodelifecycle"));

        await Eventually.TrueAsync(async () => !HasTaint(await alone.ReadAsync(), NodeTaints.Unreachable, "NoExecute"), "the NoExecute taint is lifted");
        await Eventually.TrueAsync(async () => HasTaint(await alone.ReadAsync(), NodeTaints.Unreachable, "NoSchedule"), "the NoSchedule taint is there");
        Assert.Equal("Unknown", Ready(await alone.ReadAsync())!.Status);
    }

    internal static V1NodeCondition? Ready(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    internal static bool HasTaint(V1Node node, string key, string effect) => node.Spec?.Taints?.Any(t => t.Key == key && t.Effect == effect) == true;

    internal static V1Pod BoundPod(string name, string node, IList<V1Toleration>? tolerations = null, long grace = 30) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            NodeName = node,
            TerminationGracePeriodSeconds = grace,
            Tolerations = tolerations,
            Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }],
        },
    };
}
