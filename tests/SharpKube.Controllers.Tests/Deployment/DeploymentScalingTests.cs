using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentScalingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task ScalingDuringAStuckRollout_SpreadsTheChangeInProportion()
    {
        // The example of the "Proportional scaling" section of the Deployments concept page.
        var ns = await fixture.NamespaceAsync("deploy-proportional");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 10, strategy: TestDeployments.Rolling("3", "2")));
        await standIn.CompleteRolloutAsync(ns, "web");

        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:does-not-exist");

        // The new pods never become available: the rollout stops at 8 old (all available) and 5 new.
        await Eventually.TrueAsync(async () =>
        {
            var all = await standIn.ListAsync(ns);
            if (all.Count != 2)
            {
                return false;
            }
            var (old, current) = (all[0], all[1]);
            if (ReplicaSetStandIn.Lags(old))
            {
                await standIn.ReportAsync(old, ReplicaSetStandIn.Spec(old), ReplicaSetStandIn.Spec(old));
                return false;
            }
            if (current.Status?.Replicas != current.Spec.Replicas || (current.Status?.ObservedGeneration ?? 0) < current.Metadata.Generation)
            {
                await standIn.ReportAsync(current, ReplicaSetStandIn.Spec(current), 0);
                return false;
            }
            return (old.Spec.Replicas, current.Spec.Replicas) == (8, 5);
        }, "the rollout is stuck at 8 old and 5 new replicas");
        var names = (await standIn.ListAsync(ns)).Select(rs => rs.Metadata.Name).ToList();

        await TestDeployments.ScaleAsync(Client, ns, "web", 15);

        // 15 + maxSurge 3 = 18 pods: 5 more, spread 8:5 over 13 as 3 and 2.
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Select(rs => rs.Spec.Replicas).SequenceEqual([11, 7]),
            "the old ReplicaSet grows to 11 and the new one to 7");
        foreach (var rs in await standIn.ListAsync(ns))
        {
            Assert.Equal(("15", "18"), (rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"],
                rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]));
        }
        await Eventually.TrueAsync(async () =>
        {
            var messages = (await Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=web",
                cancellationToken: TestContext.Current.CancellationToken)).Items.Select(e => e.Message).ToHashSet();
            return messages.Contains($"Scaled up replica set {names[0]} from 8 to 11") && messages.Contains($"Scaled up replica set {names[1]} from 5 to 7");
        }, "each ReplicaSet's scaling is recorded");
    }

    [Fact]
    public async Task ScalingWithoutARollout_ResizesTheOnlyReplicaSet()
    {
        var ns = await fixture.NamespaceAsync("deploy-scale");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 2));
        await standIn.CompleteRolloutAsync(ns, "web");

        await TestDeployments.ScaleAsync(Client, ns, "web", 0);

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)) is [{ Spec.Replicas: 0 }], "the ReplicaSet is scaled to 0");
        await standIn.CompleteRolloutAsync(ns, "web");
        var deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal("True", TestDeployments.Condition(deployment, "Available")!.Status);
        Assert.Null(deployment.Status.Replicas);
    }

    [Fact]
    public async Task RevisionHistoryLimit_DeletesTheOldestEmptyReplicaSets()
    {
        var ns = await fixture.NamespaceAsync("deploy-history");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        var deployment = TestDeployments.Build("web", 2, "busybox:1.31");
        deployment.Spec.RevisionHistoryLimit = 2;
        await TestDeployments.CreateAsync(Client, ns, deployment);
        await standIn.CompleteRolloutAsync(ns, "web");

        foreach (var version in new[] { "1.32", "1.33", "1.34", "1.35" })
        {
            await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:" + version);
            await standIn.CompleteRolloutAsync(ns, "web");
        }

        await Eventually.TrueAsync(async () =>
        {
            await standIn.CompleteOneAsync(ns);
            return (await standIn.ListAsync(ns)).Count == 3;
        }, "only the new ReplicaSet and two old ones remain");
        var remaining = (await standIn.ListAsync(ns)).OrderBy(rs => int.Parse(TestDeployments.Revision(rs)!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["3", "4", "5"], remaining.Select(TestDeployments.Revision));
        Assert.Equal(["busybox:1.33", "busybox:1.34", "busybox:1.35"], remaining.Select(TestDeployments.Image));
        Assert.Equal([0, 0, 2], remaining.Select(rs => rs.Spec.Replicas ?? 0));
    }
}
