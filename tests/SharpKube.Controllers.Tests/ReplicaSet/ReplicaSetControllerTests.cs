using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.ReplicaSet;

public sealed class ReplicaSetControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScaleUp_CreatesPodsFromTheTemplateControlledByTheReplicaSet()
    {
        var ns = await fixture.NamespaceAsync("rs-scale-up");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 3), ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 3, "three pods exist");
        var pods = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);
        Assert.All(pods, pod =>
        {
            Assert.Matches("^web-[a-z0-9]{5}$", pod.Metadata.Name);
            Assert.Equal("web", pod.Metadata.Labels["app"]);
            Assert.Equal("front", pod.Metadata.Labels["tier"]);
            Assert.Equal("from-template", pod.Metadata.Annotations["example.com/note"]);
            Assert.Equal("busybox:1.35", Assert.Single(pod.Spec.Containers).Image);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(("apps/v1", "ReplicaSet", "web", rs.Metadata.Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        });
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is
            { Replicas: 3, FullyLabeledReplicas: 3, ReadyReplicas: null or 0, ObservedGeneration: 1 }, "the status counts three pods");
        await Eventually.TrueAsync(async () => (await Client.EventsAsync(ns, "web", "SuccessfulCreate")).Count == 3,
            "a SuccessfulCreate event was recorded per pod");
        var created = await Client.EventsAsync(ns, "web", "SuccessfulCreate");
        Assert.All(created, e =>
        {
            Assert.Equal("replicaset-controller", e.Source.Component);
            Assert.Equal("ReplicaSet", e.InvolvedObject.Kind);
            Assert.StartsWith("Created pod: web-", e.Message, StringComparison.Ordinal);
        });
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task PodDeleted_IsReplaced()
    {
        var ns = await fixture.NamespaceAsync("rs-replace");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 2), ns, cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 2, "two pods exist");
        var victim = (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid))[0];

        await Client.CoreV1.DeleteNamespacedPodAsync(victim.Metadata.Name, ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () =>
        {
            var pods = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);
            return pods.Count == 2 && pods.All(p => p.Metadata.Uid != victim.Metadata.Uid);
        }, "the deleted pod was replaced");
    }

    [Fact]
    public async Task ScaleDown_DeletesUnassignedThenNotReadyPodsFirst()
    {
        var ns = await fixture.NamespaceAsync("rs-scale-down");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 3), ns, cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 3, "three pods exist");
        var pods = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);
        var (readyPod, notReadyPod) = (pods[0].Metadata.Name, pods[1].Metadata.Name);
        await PodStatuses.BindAsync(Client, ns, readyPod, "node-1");
        await PodStatuses.BindAsync(Client, ns, notReadyPod, "node-1");
        await PodStatuses.SetAsync(Client, ns, readyPod, "Running", DateTime.UtcNow);
        await PodStatuses.SetAsync(Client, ns, notReadyPod, "Running", null);
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.ReadyReplicas == 1,
            "the controller saw one pod become ready");

        await Client.ScaleReplicaSetAsync(ns, "web", 2);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 2, "one pod was deleted");
        Assert.Equal(new[] { notReadyPod, readyPod }.Order(), (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Select(p => p.Metadata.Name).Order());

        await Client.ScaleReplicaSetAsync(ns, "web", 1);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 1, "a second pod was deleted");
        Assert.Equal(readyPod, Assert.Single(await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Metadata.Name);
        await Eventually.TrueAsync(async () => (await Client.EventsAsync(ns, "web", "SuccessfulDelete")).Count == 2,
            "a SuccessfulDelete event was recorded per deleted pod");
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is { Replicas: 1, ReadyReplicas: 1, ObservedGeneration: 3 },
            "the status reflects the scale-down");
    }

    [Fact]
    public async Task MatchingOrphans_AreAdoptedAndCounted_OthersAreLeftAlone()
    {
        var ns = await fixture.NamespaceAsync("rs-adopt");
        var orphan = await Client.CoreV1.CreateNamespacedPodAsync(
            Workloads.Pod("orphan", new Dictionary<string, string> { ["app"] = "web" }), ns, cancellationToken: Cancel);
        await Client.CoreV1.CreateNamespacedPodAsync(
            Workloads.Pod("unrelated", new Dictionary<string, string> { ["app"] = "other" }), ns, cancellationToken: Cancel);
        var otherOwner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Workloads.ConfigMap("other-owner"), ns, cancellationToken: Cancel);
        await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod("taken", new Dictionary<string, string> { ["app"] = "web" },
            Workloads.OwnerReference(otherOwner, "v1", "ConfigMap", controller: true)), ns, cancellationToken: Cancel);
        await using var controllers = RunningControllers.Start(fixture, "replicaset");

        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 2), ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 2, "the replica set owns two pods");
        var owned = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);
        Assert.Contains(owned, p => p.Metadata.Uid == orphan.Metadata.Uid);
        var adopted = Assert.Single(owned, p => p.Metadata.Name == "orphan");
        var reference = Assert.Single(adopted.Metadata.OwnerReferences);
        Assert.Equal((true, true, "ReplicaSet"), (reference.Controller, reference.BlockOwnerDeletion, reference.Kind));
        var all = await Client.PodsAsync(ns);
        Assert.Null(all.Single(p => p.Metadata.Name == "unrelated").Metadata.OwnerReferences);
        Assert.Equal(otherOwner.Metadata.Uid, Assert.Single(all.Single(p => p.Metadata.Name == "taken").Metadata.OwnerReferences).Uid);
        Assert.Equal(4, all.Count);
        // The adopted pod lacks the template's tier label: counted, but not fully labelled.
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is { Replicas: 2, FullyLabeledReplicas: 1 },
            "the status counts the adopted pod as not fully labelled");
    }

    [Fact]
    public async Task BroadSelector_AdoptsEveryMatchingOrphanThenScalesDown_AndSettles()
    {
        var ns = await fixture.NamespaceAsync("rs-broad");
        foreach (var (name, app) in new[] { ("orphan-x", "x"), ("orphan-y", "y") })
        {
            await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod(name, new Dictionary<string, string> { ["app"] = app }), ns,
                cancellationToken: Cancel);
        }
        await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod("unlabelled", new Dictionary<string, string> { ["role"] = "db" }), ns,
            cancellationToken: Cancel);
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var broad = Workloads.ReplicaSet("web", 1);
        broad.Spec.Selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Exists" }] };

        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(broad, ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.EventsAsync(ns, "web", "SuccessfulDelete")).Count == 1, "one adopted orphan was deleted");
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.Replicas == 1, "the status counts one pod");
        var owned = Assert.Single(await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid));
        Assert.StartsWith("orphan-", owned.Metadata.Name, StringComparison.Ordinal);
        Assert.Empty(await Client.EventsAsync(ns, "web", "SuccessfulCreate"));
        Assert.Null((await Client.CoreV1.ReadNamespacedPodAsync("unlabelled", ns, cancellationToken: Cancel)).Metadata.OwnerReferences);
    }

    [Fact]
    public async Task PodThatStopsMatching_IsReleasedAndReplaced()
    {
        var ns = await fixture.NamespaceAsync("rs-release");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 2), ns, cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 2, "two pods exist");
        var leaving = (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid))[0].Metadata.Name;

        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("{\"metadata\":{\"labels\":{\"app\":\"debug\"}}}", V1Patch.PatchType.MergePatch),
            leaving, ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () =>
            (await Client.CoreV1.ReadNamespacedPodAsync(leaving, ns, cancellationToken: Cancel)).Metadata.OwnerReferences is null,
            "the relabelled pod lost its owner reference");
        await Eventually.TrueAsync(async () =>
        {
            var owned = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);
            return owned.Count == 2 && owned.All(p => p.Metadata.Name != leaving);
        }, "a replacement was created");
        Assert.Equal(3, (await Client.PodsAsync(ns)).Count);
    }

    [Fact]
    public async Task ManyReplicas_WhileTheReplicaSetKeepsChanging_AreCreatedExactlyOnce()
    {
        var ns = await fixture.NamespaceAsync("rs-expectations");
        await using var recorder = await PodRecorder.StartAsync(Client, ns);
        // The controller's pod cache trails its own writes by a good margin, as on a busy cluster.
        using var laggingClient = fixture.NewClient(new LaggingWatchHandler("pods", TimeSpan.FromMilliseconds(300)));
        await using var controllers = RunningControllers.Start(laggingClient, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 40), ns, cancellationToken: Cancel);

        // Updates while it syncs: each makes the controller's cached copy stale, so its status writes conflict.
        for (var i = 0; i < 20 && recorder.Active(rs.Metadata.Uid) < 40; i++)
        {
            await Client.AppsV1.PatchNamespacedReplicaSetAsync(
                new V1Patch($"{{\"metadata\":{{\"annotations\":{{\"touch\":\"{i}\"}}}}}}", V1Patch.PatchType.MergePatch), "web", ns,
                cancellationToken: Cancel);
        }

        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.Replicas == 40, "the status counts 40 pods");
        await Eventually.TrueAsync(() => recorder.Active(rs.Metadata.Uid) == 40, "the watch saw 40 pods");
        Assert.Equal(40, recorder.MaxActive(rs.Metadata.Uid));
        Assert.Equal(40, recorder.PodsSeen);
        Assert.Empty(await Client.EventsAsync(ns, "web", "SuccessfulDelete"));
    }

    [Fact]
    public async Task DeletedWhileSyncing_ANewReplicaSetOfTheSameNameSyncsAtOnce()
    {
        var ns = await fixture.NamespaceAsync("rs-deleted");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var first = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 30), ns, cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.PodsAsync(ns)).Count > 0, "the controller started creating pods");

        await Client.AppsV1.DeleteNamespacedReplicaSetAsync("web", ns, cancellationToken: Cancel);
        var second = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 2), ns, cancellationToken: Cancel);

        // Expectations left over from the first would hold the second back for minutes.
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, second.Metadata.Uid)).Count == 2,
            "the new replica set got its two pods");
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.Replicas == 2, "the new status counts two");
        Assert.True((await Client.ActivePodsOwnedByAsync(ns, first.Metadata.Uid)).Count <= 30);
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task ReadyAndAvailableReplicas_FollowPodReadinessAndMinReadySeconds()
    {
        var ns = await fixture.NamespaceAsync("rs-status");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 2, minReadySeconds: 8), ns,
            cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 2, "two pods exist");
        var pods = await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid);

        await PodStatuses.SetAsync(Client, ns, pods[0].Metadata.Name, "Running", DateTime.UtcNow.AddHours(-1));
        await PodStatuses.SetAsync(Client, ns, pods[1].Metadata.Name, "Running", DateTime.UtcNow);

        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is { ReadyReplicas: 2, AvailableReplicas: 1 },
            "both pods are ready, one has been for minReadySeconds");
        // Nothing changes when the second pod's minReadySeconds pass: the controller must look again by itself.
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is { ReadyReplicas: 2, AvailableReplicas: 2 },
            "the second pod became available");
    }

    [Fact]
    public async Task PodsTheServerRefuses_SetReplicaFailureWithBackoff_UntilTheTemplateIsFixed()
    {
        var ns = await fixture.NamespaceAsync("rs-failure");
        await using var controllers = RunningControllers.Start(fixture, "replicaset");
        var broken = Workloads.ReplicaSet("web", 2);
        // Template validation leaves finalizers alone; the pods' validation refuses this one.
        broken.Spec.Template.Metadata.Finalizers = ["not a valid finalizer"];
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(broken, ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.Conditions?.Any(c =>
            c is { Type: "ReplicaFailure", Status: "True", Reason: "FailedCreate" } && c.Message.Contains("finalizer", StringComparison.Ordinal)) == true,
            "the ReplicaFailure condition says why pods cannot be created");
        await Eventually.TrueAsync(async () => (await Client.EventsAsync(ns, "web", "FailedCreate")).Count > 0, "a FailedCreate event was recorded");
        var before = (await Client.EventsAsync(ns, "web", "FailedCreate")).Count;
        // Measures the retry rate (not a synchronisation): with per-key exponential backoff a few attempts fit in
        // this window; a hot loop would make hundreds.
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        Assert.InRange((await Client.EventsAsync(ns, "web", "FailedCreate")).Count - before, 0, 15);
        Assert.Empty(await Client.PodsAsync(ns));

        await Client.AppsV1.PatchNamespacedReplicaSetAsync(
            new V1Patch("{\"spec\":{\"template\":{\"metadata\":{\"finalizers\":null}}}}", V1Patch.PatchType.MergePatch), "web", ns,
            cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.PodsAsync(ns)).Count == 2, "pods are created once the template is valid",
            TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status is { Replicas: 2, Conditions: null or [] },
            "the ReplicaFailure condition is gone");
    }
}
