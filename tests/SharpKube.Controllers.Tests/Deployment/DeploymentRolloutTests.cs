using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentRolloutTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task NewDeployment_CreatesOneHashedReplicaSetAtRevisionOne_AndReportsItRolledOut()
    {
        var ns = await fixture.NamespaceAsync("deploy-create");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);

        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 3));

        V1ReplicaSet rs = null!;
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)) is [var only] && (rs = only) is not null, "one ReplicaSet exists");
        var hash = rs.Metadata.Labels["pod-template-hash"];
        Assert.Equal("web-" + hash, rs.Metadata.Name);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels["pod-template-hash"]);
        Assert.Equal("web", rs.Spec.Selector.MatchLabels["app"]);
        Assert.Equal(hash, rs.Spec.Template.Metadata.Labels["pod-template-hash"]);
        Assert.Equal(3, rs.Spec.Replicas);
        Assert.Equal("1", TestDeployments.Revision(rs));
        Assert.Equal("3", rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"]);
        Assert.Equal("4", rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]);
        var owner = Assert.Single(rs.Metadata.OwnerReferences);
        var deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal((deployment.Metadata.Uid, "Deployment", "apps/v1", true, true),
            (owner.Uid, owner.Kind, owner.ApiVersion, owner.Controller, owner.BlockOwnerDeletion));

        await Eventually.TrueAsync(async () =>
        {
            var d = await TestDeployments.GetAsync(Client, ns, "web");
            return TestDeployments.Revision(d) == "1"
                && TestDeployments.Condition(d, "Progressing")?.Reason == "NewReplicaSetCreated"
                && TestDeployments.Condition(d, "Available")?.Reason == "MinimumReplicasUnavailable";
        }, "the deployment records revision 1, the new ReplicaSet and missing availability");
        deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal(1, deployment.Metadata.Generation);
        Assert.Equal($"Created new replica set \"web-{hash}\"", TestDeployments.Condition(deployment, "Progressing")!.Message);

        await standIn.CompleteRolloutAsync(ns, "web");

        deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal((3, 3, 3, 3, 0), (deployment.Status.Replicas ?? 0, deployment.Status.UpdatedReplicas ?? 0,
            deployment.Status.ReadyReplicas ?? 0, deployment.Status.AvailableReplicas ?? 0, deployment.Status.UnavailableReplicas ?? 0));
        var progressing = TestDeployments.Condition(deployment, "Progressing")!;
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."),
            (progressing.Status, progressing.Reason, progressing.Message));
        var available = TestDeployments.Condition(deployment, "Available")!;
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
            (available.Status, available.Reason, available.Message));
        await Eventually.TrueAsync(async () => (await Client.CoreV1.ListNamespacedEventAsync(ns,
                fieldSelector: "involvedObject.name=web", cancellationToken: TestContext.Current.CancellationToken)).Items
            .Any(e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set web-{hash} from 0 to 3"
                && e.Source?.Component == "deployment-controller" && e.InvolvedObject.Kind == "Deployment"),
            "the ScalingReplicaSet event is recorded");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ImageChange_RollsOverWithinMaxSurgeAndMaxUnavailable_AtEveryStep(bool oldestReportsFirst)
    {
        var ns = await fixture.NamespaceAsync("deploy-rolling-" + (oldestReportsFirst ? "oldest" : "newest"));
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        const int replicas = 5, maxSurge = 2, maxUnavailable = 1;
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", replicas,
            strategy: TestDeployments.Rolling(maxSurge.ToString(System.Globalization.CultureInfo.InvariantCulture),
                maxUnavailable.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await standIn.CompleteRolloutAsync(ns, "web");

        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:1.36");

        var steps = 0;
        await Eventually.TrueAsync(async () =>
        {
            var all = await standIn.ListAsync(ns);
            // The ReplicaSets as their controller reports them: pods beyond spec.replicas are on their way out.
            Assert.True(all.Sum(ReplicaSetStandIn.Spec) <= replicas + maxSurge,
                $"at most {replicas + maxSurge} pods are wanted at once: {Describe(all)}");
            Assert.True(all.Sum(rs => Math.Min(rs.Status?.AvailableReplicas ?? 0, ReplicaSetStandIn.Spec(rs))) >= replicas - maxUnavailable,
                $"at least {replicas - maxUnavailable} pods stay available: {Describe(all)}");
            // Either order of status reports is one the ReplicaSet controller could produce.
            if ((oldestReportsFirst ? all : Enumerable.Reverse(all)).FirstOrDefault(ReplicaSetStandIn.Lags) is { } lagging)
            {
                steps++;
                await standIn.ReportAsync(lagging, ReplicaSetStandIn.Spec(lagging), ReplicaSetStandIn.Spec(lagging));
                return false;
            }
            return all.Count == 2 && await ReplicaSetStandIn.IsRolledOutAsync(Client, ns, "web");
        }, "the rollout completes");

        var (old, current) = await OldAndNewAsync(standIn, ns);
        Assert.True(steps > 2, "the rollout took several steps");
        Assert.Equal((0, "1", "busybox:1.35"), (old.Spec.Replicas, TestDeployments.Revision(old), TestDeployments.Image(old)));
        Assert.Equal((replicas, "2", "busybox:1.36"), (current.Spec.Replicas, TestDeployments.Revision(current), TestDeployments.Image(current)));
        Assert.NotEqual(old.Metadata.Labels["pod-template-hash"], current.Metadata.Labels["pod-template-hash"]);
        var deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal("2", deployment.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal("NewReplicaSetAvailable", TestDeployments.Condition(deployment, "Progressing")!.Reason);
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task Recreate_ScalesOldToZeroAndWaitsForItsPods_BeforeCreatingTheNewReplicaSet()
    {
        var ns = await fixture.NamespaceAsync("deploy-recreate");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 3, strategy: TestDeployments.Recreate));
        await standIn.CompleteRolloutAsync(ns, "web");
        var old = Assert.Single(await standIn.ListAsync(ns));
        // One pod of the old ReplicaSet, as its controller would have made it (nothing runs pods here).
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-old-pod",
                Labels = new Dictionary<string, string>(old.Spec.Template.Metadata.Labels),
                OwnerReferences = [new V1OwnerReference
                {
                    ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = old.Metadata.Name, Uid = old.Metadata.Uid, Controller = true,
                }],
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);

        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:1.36");

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)) is [{ Spec.Replicas: 0 }], "the old ReplicaSet is scaled to 0 first");
        old = Assert.Single(await standIn.ListAsync(ns));
        Assert.True(await standIn.ReportAsync(old, 0, 0));
        // The sync that saw the old ReplicaSet empty wrote the status below; it saw the pod and created nothing.
        await Eventually.TrueAsync(async () =>
        {
            var d = await TestDeployments.GetAsync(Client, ns, "web");
            return (d.Status.Replicas ?? 0) == 0 && d.Status.ObservedGeneration == d.Metadata.Generation;
        }, "the deployment status shows no pods");
        Assert.Single(await standIn.ListAsync(ns));

        await Client.CoreV1.DeleteNamespacedPodAsync("web-old-pod", ns, new V1DeleteOptions { GracePeriodSeconds = 0 },
            cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 2, "the new ReplicaSet is created once the old pods are gone");
        var (_, current) = await OldAndNewAsync(standIn, ns);
        Assert.Equal((3, "2", "busybox:1.36"), (current.Spec.Replicas, TestDeployments.Revision(current), TestDeployments.Image(current)));
        await standIn.CompleteRolloutAsync(ns, "web");
    }

    [Fact]
    public async Task UnavailableOldPods_AreScaledDownFirst_WithoutCostingAvailability()
    {
        var ns = await fixture.NamespaceAsync("deploy-unhealthy");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 4, strategy: TestDeployments.Rolling("0", "1")));
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 1, "the ReplicaSet is created");
        // Two of the four old pods are not available: the deployment is already below its minimum of 3.
        await Eventually.TrueAsync(async () => await standIn.ReportAsync(Assert.Single(await standIn.ListAsync(ns)), 4, 2),
            "the old ReplicaSet reports 2 of 4 available");

        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:1.36");

        // No surge allowed and no availability to spare: only removing an unavailable pod lets the rollout start.
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)) is [{ Spec.Replicas: 3 }, { Spec.Replicas: 1 }],
            "an unavailable old pod makes room for a new one");
        await standIn.CompleteRolloutAsync(ns, "web");
    }

    [Fact]
    public async Task ReplicaSetFailure_IsCopiedToTheDeployment()
    {
        var ns = await fixture.NamespaceAsync("deploy-failure");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 1));
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 1, "the ReplicaSet is created");
        var rs = Assert.Single(await standIn.ListAsync(ns));
        rs.Status = new V1ReplicaSetStatus
        {
            Replicas = 0,
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = [new V1ReplicaSetCondition
            {
                Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "pods \"web\" is forbidden: exceeded quota",
                LastTransitionTime = DateTime.UtcNow,
            }],
        };
        await Client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(rs, rs.Metadata.Name, ns, cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, "web"), "ReplicaFailure")
            is { Status: "True", Reason: "FailedCreate", Message: "pods \"web\" is forbidden: exceeded quota" }, "the failure shows on the deployment");

        await standIn.CompleteRolloutAsync(ns, "web");
        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, "web"), "ReplicaFailure") is null,
            "the failure goes away with the ReplicaSet's");
    }

    private static async Task<(V1ReplicaSet Old, V1ReplicaSet New)> OldAndNewAsync(ReplicaSetStandIn standIn, string ns)
    {
        var all = await standIn.ListAsync(ns);
        Assert.Equal(2, all.Count);
        return (all.Single(rs => TestDeployments.Revision(rs) == "1"), all.Single(rs => TestDeployments.Revision(rs) != "1"));
    }

    private static string Describe(IEnumerable<V1ReplicaSet> all) =>
        string.Join("; ", all.Select(rs => $"{rs.Metadata.Name} spec={rs.Spec.Replicas} available={rs.Status?.AvailableReplicas ?? 0}"));
}
