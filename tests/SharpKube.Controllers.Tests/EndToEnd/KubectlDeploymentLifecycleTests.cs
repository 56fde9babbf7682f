using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;
using SharpKube.Controllers.Tests.ReplicaSet;

namespace SharpKube.Controllers.Tests.EndToEnd;

/// <summary>
/// A Deployment's life driven by the real kubectl against the real deployment, ReplicaSet, garbage collector and
/// namespace controllers; a <see cref="KubeletStandIn"/> binds the pods and reports them ready, so
/// <c>kubectl rollout status</c> sees real availability.
/// </summary>
public sealed class KubectlDeploymentLifecycleTests(WithoutNamespaceFinalizerFixture fixture)
    : IClassFixture<WithoutNamespaceFinalizerFixture>, IDisposable
{
    private static readonly TimeSpan RolloutDeadline = TimeSpan.FromSeconds(50);

    private readonly string _home = Directory.CreateTempSubdirectory("sharpkube-e2e-kubectl-").FullName;

    private Kubernetes Client => fixture.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KubectlRunner Kubectl { get; set; } = null!;

    private RunningControllers StartControllers() => RunningControllers.Start(fixture, new ControllerManagerOptions
    {
        LeaderElect = false,
        Controllers = new HashSet<string> { "deployment", "replicaset", "garbagecollector", "namespace" },
        NamespaceDeletionDelay = TimeSpan.FromMilliseconds(100),
    });

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_home, recursive: true);

    private void UseKubectl(string version)
    {
        var binary = KubectlRunner.FindVersioned(version);
        Assert.SkipWhen(binary is null, $"kubectl.{version} is not installed");
        Kubectl = new KubectlRunner(fixture.Server.AdminKubeconfigPath, Path.Combine(_home, version), binary);
    }

    [Theory]
    [InlineData("1.32")]
    [InlineData("1.33")]
    [InlineData("1.30")]
    [InlineData("1.28")]
    public async Task CreateScaleSetImageUndoRestartPauseResume_EachRollsOutToRunningPods(string kubectlVersion)
    {
        UseKubectl(kubectlVersion);
        var ns = await fixture.NamespaceAsync("e2e-rollout-" + kubectlVersion.Replace('.', '-'));
        await using var controllers = StartControllers();
        await using var kubelet = KubeletStandIn.Start(fixture.NewClient(), ns);

        var created = await Kubectl.RunAsync("-n", ns, "create", "deployment", "web", "--image=busybox:1.35", "--replicas=3");
        Assert.Equal("deployment.apps/web created\n", created.EnsureSuccess().Output);
        await RolloutStatusAsync(ns);
        await AssertRunningPodsAsync(ns, 3, "busybox:1.35");
        var firstReplicaSet = Assert.Single(await ReplicaSetsAsync(ns)).Metadata.Name;
        // The controllers' events, as kubectl describe finds them (written in the background, so wait for them).
        await Eventually.TrueAsync(async () => (await Kubectl.RunAsync("-n", ns, "describe", "deployment", "web")).Output
            .Contains($"ScalingReplicaSet  ", StringComparison.Ordinal), "describe shows the deployment controller's event");
        Assert.Matches($@"Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set {firstReplicaSet} from 0 to 3",
            (await Kubectl.RunAsync("-n", ns, "describe", "deployment", "web")).EnsureSuccess().Output);
        await Eventually.TrueAsync(async () => (await Kubectl.RunAsync("-n", ns, "describe", "replicaset", firstReplicaSet)).Output
            .Contains("SuccessfulCreate", StringComparison.Ordinal), "describe shows the ReplicaSet controller's events");
        Assert.Matches($@"Normal\s+SuccessfulCreate\s+.*replicaset-controller\s+Created pod: {firstReplicaSet}-[a-z0-9]{{5}}",
            (await Kubectl.RunAsync("-n", ns, "describe", "replicaset", firstReplicaSet)).EnsureSuccess().Output);

        Assert.Equal("deployment.apps/web scaled\n", (await Kubectl.RunAsync("-n", ns, "scale", "deployment/web", "--replicas=5")).EnsureSuccess().Output);
        await RolloutStatusAsync(ns);
        await AssertRunningPodsAsync(ns, 5, "busybox:1.35");

        (await Kubectl.RunAsync("-n", ns, "set", "image", "deployment/web", "busybox=busybox:1.36")).EnsureSuccess();
        await RolloutStatusAsync(ns);
        await AssertRunningPodsAsync(ns, 5, "busybox:1.36");
        var replicaSets = await ReplicaSetsAsync(ns);
        // By revision: both may carry the same creation second, which orders them no further.
        Assert.Equal([("1", 0), ("2", 5)], replicaSets.Select(rs => (Revision(rs), rs.Spec.Replicas ?? 1)).OrderBy(r => r.Item1, StringComparer.Ordinal));

        var history = (await Kubectl.RunAsync("-n", ns, "rollout", "history", "deployment/web")).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^1\s+<none>\s*$", history);
        Assert.Matches(@"(?m)^2\s+<none>\s*$", history);
        Assert.Contains("busybox:1.36", (await Kubectl.RunAsync("-n", ns, "rollout", "history", "deployment/web", "--revision=2")).EnsureSuccess().Output,
            StringComparison.Ordinal);

        var undo = await Kubectl.RunAsync("-n", ns, "rollout", "undo", "deployment/web", "--to-revision=1");
        Assert.Equal("deployment.apps/web rolled back\n", undo.EnsureSuccess().Output);
        await RolloutStatusAsync(ns);
        await AssertRunningPodsAsync(ns, 5, "busybox:1.35");
        replicaSets = await ReplicaSetsAsync(ns);
        Assert.Equal(2, replicaSets.Count);
        var rolledBack = Assert.Single(replicaSets, rs => rs.Metadata.Name == firstReplicaSet);
        Assert.Equal(("3", 5, "busybox:1.35"), (Revision(rolledBack), rolledBack.Spec.Replicas ?? 1, rolledBack.Spec.Template.Spec.Containers[0].Image));

        Assert.Equal("deployment.apps/web restarted\n", (await Kubectl.RunAsync("-n", ns, "rollout", "restart", "deployment/web")).EnsureSuccess().Output);
        await RolloutStatusAsync(ns);
        var restarted = await AssertRunningPodsAsync(ns, 5, "busybox:1.35");
        Assert.All(restarted, p => Assert.True(p.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt"), p.Metadata.Name));
        Assert.Equal(3, (await ReplicaSetsAsync(ns)).Count);

        Assert.Equal("deployment.apps/web paused\n", (await Kubectl.RunAsync("-n", ns, "rollout", "pause", "deployment/web")).EnsureSuccess().Output);
        (await Kubectl.RunAsync("-n", ns, "set", "image", "deployment/web", "busybox=busybox:1.37")).EnsureSuccess();
        await Eventually.TrueAsync(async () =>
        {
            var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns, cancellationToken: Ct);
            return d.Status.ObservedGeneration == d.Metadata.Generation;
        }, "the controller has seen the paused change");
        Assert.Equal(3, (await ReplicaSetsAsync(ns)).Count);
        await AssertRunningPodsAsync(ns, 5, "busybox:1.35");

        Assert.Equal("deployment.apps/web resumed\n", (await Kubectl.RunAsync("-n", ns, "rollout", "resume", "deployment/web")).EnsureSuccess().Output);
        await RolloutStatusAsync(ns);
        await AssertRunningPodsAsync(ns, 5, "busybox:1.37");
        Assert.Equal(["2", "3", "4", "5"], (await ReplicaSetsAsync(ns)).Select(Revision).Order(StringComparer.Ordinal));
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task DeleteDeployment_Background_Orphan_Foreground()
    {
        UseKubectl("1.32");
        var ns = await fixture.NamespaceAsync("e2e-delete");
        await using var controllers = StartControllers();
        await using var kubelet = KubeletStandIn.Start(fixture.NewClient(), ns);
        foreach (var name in new[] { "background", "orphan", "foreground" })
        {
            (await Kubectl.RunAsync("-n", ns, "create", "deployment", name, "--image=busybox:1.35", "--replicas=2")).EnsureSuccess();
        }
        foreach (var name in new[] { "background", "orphan", "foreground" })
        {
            await RolloutStatusAsync(ns, name);
        }

        Assert.Equal("deployment.apps \"background\" deleted\n", (await Kubectl.RunAsync("-n", ns, "delete", "deployment", "background")).EnsureSuccess().Output);
        await Eventually.TrueAsync(async () => (await ReplicaSetsAsync(ns, "app=background")).Count == 0 && (await PodsAsync(ns, "app=background")).Count == 0,
            "the ReplicaSet and its pods are collected after the Deployment");

        (await Kubectl.RunAsync("-n", ns, "delete", "deployment", "orphan", "--cascade=orphan")).EnsureSuccess();
        await Eventually.TrueAsync(async () => (await ReplicaSetsAsync(ns, "app=orphan")) is [{ Metadata.OwnerReferences: null or [] }],
            "the orphaned ReplicaSet loses its owner reference");
        var orphan = Assert.Single(await ReplicaSetsAsync(ns, "app=orphan"));
        var orphanPods = await PodsAsync(ns, "app=orphan");
        Assert.Equal(2, orphanPods.Count);
        Assert.All(orphanPods, p => Assert.Equal(orphan.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences).Uid));
        Assert.Empty((await Client.AppsV1.ListNamespacedDeploymentAsync(ns, fieldSelector: "metadata.name=orphan", cancellationToken: Ct)).Items);

        var foregroundPods = (await PodsAsync(ns, "app=foreground")).Select(p => p.Metadata.Name).ToList();
        var foregroundReplicaSet = Assert.Single(await ReplicaSetsAsync(ns, "app=foreground")).Metadata.Name;
        await using var deploymentWatch = await WatchRecorder<V1Deployment>.StartAsync(Client, ns);
        await using var replicaSetWatch = await WatchRecorder<V1ReplicaSet>.StartAsync(Client, ns);
        await using var podWatch = await WatchRecorder<V1Pod>.StartAsync(Client, ns);
        // kubectl waits for the Deployment to disappear.
        (await Kubectl.RunAsync("-n", ns, "delete", "deployment", "foreground", "--cascade=foreground")).EnsureSuccess();
        Assert.Empty(await ReplicaSetsAsync(ns, "app=foreground"));
        Assert.Empty(await PodsAsync(ns, "app=foreground"));
        await Eventually.TrueAsync(() => deploymentWatch.DeletedAt("foreground") is not null && replicaSetWatch.DeletedAt(foregroundReplicaSet) is not null
            && foregroundPods.All(p => podWatch.DeletedAt(p) is not null), "the watches saw every deletion");
        Assert.True(replicaSetWatch.DeletedAt(foregroundReplicaSet) < deploymentWatch.DeletedAt("foreground"), "the ReplicaSet went before the Deployment");
        Assert.All(foregroundPods, p => Assert.True(podWatch.DeletedAt(p) < replicaSetWatch.DeletedAt(foregroundReplicaSet), $"pod {p} went before its ReplicaSet"));

        // The orphans are still there, untouched.
        Assert.Equal(2, (await PodsAsync(ns, "app=orphan")).Count);
    }

    [Fact]
    public async Task DeleteNamespace_RemovesTheDeploymentItsReplicaSetsAndPods_ThenTheNamespace()
    {
        UseKubectl("1.32");
        var ns = await fixture.NamespaceAsync("e2e-namespace");
        await using var controllers = StartControllers();
        await using var kubelet = KubeletStandIn.Start(fixture.NewClient(), ns);
        (await Kubectl.RunAsync("-n", ns, "create", "deployment", "web", "--image=busybox:1.35", "--replicas=3")).EnsureSuccess();
        await RolloutStatusAsync(ns);
        (await Kubectl.RunAsync("-n", ns, "set", "image", "deployment/web", "busybox=busybox:1.36")).EnsureSuccess();
        await RolloutStatusAsync(ns);

        // kubectl waits until the namespace is gone.
        var deleted = await Kubectl.RunAsync("delete", "namespace", ns, "--timeout=60s");
        Assert.Equal($"namespace \"{ns}\" deleted\n", deleted.EnsureSuccess().Output);

        var namespaces = await Client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=" + ns, cancellationToken: Ct);
        Assert.Empty(namespaces.Items);
        Assert.Empty((await Client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: Ct)).Items);
        Assert.Empty(await ReplicaSetsAsync(ns));
        Assert.Empty(await Client.PodsAsync(ns));
    }

    private async Task RolloutStatusAsync(string ns, string name = "web")
    {
        var status = await Kubectl.RunAsync("-n", ns, "rollout", "status", "deployment/" + name, $"--timeout={RolloutDeadline.TotalSeconds}s");
        Assert.EndsWith($"deployment \"{name}\" successfully rolled out\n", status.EnsureSuccess().Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts that the deployment's pods (terminating ones aside) are <paramref name="count"/> Running pods of
    /// <paramref name="image"/>, all of the newest ReplicaSet; returns them.
    /// </summary>
    private async Task<IReadOnlyList<V1Pod>> AssertRunningPodsAsync(string ns, int count, string image)
    {
        // rollout status returns once enough pods are available; surplus old pods may still be going.
        IReadOnlyList<V1Pod> pods = [];
        await Eventually.TrueAsync(async () =>
        {
            pods = (await PodsAsync(ns, "app=web")).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            return pods.Count == count;
        }, $"{count} pods remain");
        Assert.All(pods, p => Assert.Equal((image, "Running"), (p.Spec.Containers[0].Image, p.Status.Phase)));
        var newest = (await ReplicaSetsAsync(ns)).MaxBy(rs => int.Parse(Revision(rs)!, System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.All(pods, p => Assert.Equal(newest.Metadata.Uid, p.Metadata.OwnerReferences.Single(o => o.Controller == true).Uid));
        return pods;
    }

    private async Task<List<V1ReplicaSet>> ReplicaSetsAsync(string ns, string? labelSelector = null) =>
        [.. (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: labelSelector, cancellationToken: Ct)).Items
            .OrderBy(rs => rs.Metadata.CreationTimestamp).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal)];

    private async Task<IList<V1Pod>> PodsAsync(string ns, string labelSelector) =>
        (await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: Ct)).Items;

    private static string? Revision(V1ReplicaSet rs) =>
        rs.Metadata.Annotations?.TryGetValue("deployment.kubernetes.io/revision", out var revision) == true ? revision : null;
}
