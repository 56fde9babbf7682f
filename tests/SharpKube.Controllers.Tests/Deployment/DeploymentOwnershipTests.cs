using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentOwnershipTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task OrphanReplicaSetWithTheSameTemplate_IsAdoptedAsTheNewReplicaSet()
    {
        var ns = await fixture.NamespaceAsync("deploy-adopt");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        var deployment = TestDeployments.Build("web", 2);
        var orphan = await Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "web-legacy", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1ReplicaSetSpec { Replicas = 2, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);

        var created = await TestDeployments.CreateAsync(Client, ns, deployment);

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)) is [var rs]
            && rs.Metadata.OwnerReferences?.SingleOrDefault() is { Controller: true } owner && owner.Uid == created.Metadata.Uid
            && TestDeployments.Revision(rs) == "1", "the orphan is adopted and given revision 1");
        await standIn.CompleteRolloutAsync(ns, "web");
        var adopted = Assert.Single(await standIn.ListAsync(ns));
        Assert.Equal(orphan.Metadata.Uid, adopted.Metadata.Uid);
        Assert.Equal(2, adopted.Spec.Replicas);
    }

    [Fact]
    public async Task ReplicaSetNoLongerSelected_IsReleased_AndTheTakenNameIsAHashCollision()
    {
        var ns = await fixture.NamespaceAsync("deploy-release");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 2));
        await standIn.CompleteRolloutAsync(ns, "web");
        var first = Assert.Single(await standIn.ListAsync(ns));

        await Client.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch("""{"metadata":{"labels":{"app":"elsewhere"}}}""",
            V1Patch.PatchType.MergePatch), first.Metadata.Name, ns, cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 2, "a replacement ReplicaSet is created");
        var all = await standIn.ListAsync(ns);
        var released = all.Single(rs => rs.Metadata.Uid == first.Metadata.Uid);
        Assert.Empty(released.Metadata.OwnerReferences ?? []);
        var replacement = all.Single(rs => rs.Metadata.Uid != first.Metadata.Uid);
        Assert.NotEqual(first.Metadata.Name, replacement.Metadata.Name);
        Assert.Equal("web-" + replacement.Metadata.Labels["pod-template-hash"], replacement.Metadata.Name);
        Assert.Equal(1, (await TestDeployments.GetAsync(Client, ns, "web")).Status.CollisionCount);
        await standIn.CompleteRolloutAsync(ns, "web");
    }

    [Fact]
    public async Task DeploymentDeletedMidRollout_AndCreatedAgain_LeavesTheOldReplicaSetsAlone()
    {
        var ns = await fixture.NamespaceAsync("deploy-recreated");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 3));
        await standIn.CompleteRolloutAsync(ns, "web");
        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:1.36");
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 2, "the rollout starts");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, cancellationToken: TestContext.Current.CancellationToken);
        var recreated = await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 3));

        // Nothing collects the first Deployment's ReplicaSets here; the new one must not take them over.
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count(rs => rs.Metadata.OwnerReferences?.Any(o => o.Uid == recreated.Metadata.Uid) == true) == 1,
            "the new deployment has a ReplicaSet of its own");
        await standIn.CompleteRolloutAsync(ns, "web");
        var all = await standIn.ListAsync(ns);
        Assert.Equal(3, all.Count);
        Assert.Equal(2, all.Count(rs => rs.Metadata.OwnerReferences.Single().Uid != recreated.Metadata.Uid));
        Assert.Equal(1, (await TestDeployments.GetAsync(Client, ns, "web")).Status.CollisionCount);
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task InvalidNewReplicaSet_IsReported_WithoutRetrying()
    {
        var ns = await fixture.NamespaceAsync("deploy-invalid");
        var logs = new CapturingLoggerFactory();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => ControllerManager.RunControllersAsync(fixture.NewClient(),
            new ControllerManagerOptions { LeaderElect = false, Controllers = new HashSet<string> { "deployment" } }, logs, stop.Token),
            TestContext.Current.CancellationToken);
        try
        {
            // A valid Deployment name too long to have "-<hash>" appended: the ReplicaSet name is invalid.
            var name = new string('w', 245);
            var deployment = TestDeployments.Build(name, 1);
            deployment.Spec.Selector.MatchLabels["app"] = "long";
            deployment.Spec.Template.Metadata.Labels["app"] = "long";
            await TestDeployments.CreateAsync(Client, ns, deployment);

            await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, name), "Progressing")
                is { Status: "False", Reason: "ReplicaSetCreateError" } condition
                && condition.Message.StartsWith($"Failed to create new replica set \"{name}-", StringComparison.Ordinal),
                "the failure is on the Progressing condition");
            // The Warning event is written after the failed sync ended; its name ("<deployment>.<time>") is too long as
            // well, so the recorder reports it could not write it. By then a failed sync would have been logged.
            await Eventually.TrueAsync(() => logs.Messages.Any(m => m.Contains("(ReplicaSetCreateError)", StringComparison.Ordinal)),
                "the warning event was attempted");

            Assert.Empty(await new ReplicaSetStandIn(Client).ListAsync(ns));
            Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Sync of " + ns + "/", StringComparison.Ordinal));
            // One attempt for the new Deployment, one more for the condition written: then it waits for a change.
            Assert.InRange(logs.Messages.Count(m => m.Contains("(ReplicaSetCreateError)", StringComparison.Ordinal)), 1, 2);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
