using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;
using SharpKube.Controllers.Tests.ReplicaSet;

namespace SharpKube.Controllers.Tests.ReplicationController;

public sealed class ReplicationManagerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplicationController_KeepsItsReplicasAndReportsThem()
    {
        var ns = await fixture.NamespaceAsync("rc-basic");
        await using var controllers = RunningControllers.Start(fixture, "replicationcontroller");
        var rc = await Client.CoreV1.CreateNamespacedReplicationControllerAsync(Workloads.ReplicationController("web", 3), ns,
            cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rc.Metadata.Uid)).Count == 3, "three pods exist");
        var reference = Assert.Single((await Client.ActivePodsOwnedByAsync(ns, rc.Metadata.Uid))[0].Metadata.OwnerReferences);
        Assert.Equal(("v1", "ReplicationController", "web", true), (reference.ApiVersion, reference.Kind, reference.Name, reference.BlockOwnerDeletion));
        await Eventually.TrueAsync(async () =>
            (await Client.CoreV1.ReadNamespacedReplicationControllerAsync("web", ns, cancellationToken: Cancel)).Status is
            { Replicas: 3, FullyLabeledReplicas: 3, ObservedGeneration: 1 }, "the status counts three pods");

        await Client.CoreV1.PatchNamespacedReplicationControllerAsync(new V1Patch("{\"spec\":{\"replicas\":1}}", V1Patch.PatchType.MergePatch),
            "web", ns, cancellationToken: Cancel);

        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rc.Metadata.Uid)).Count == 1, "scaled down to one");
        await Eventually.TrueAsync(async () =>
            (await Client.CoreV1.ReadNamespacedReplicationControllerAsync("web", ns, cancellationToken: Cancel)).Status is
            { Replicas: 1, ObservedGeneration: 2 }, "the status counts one pod");
        var events = await Client.EventsAsync(ns, "web", "SuccessfulCreate");
        Assert.All(events, e => Assert.Equal("replication-controller", e.Source.Component));
        Assert.NotEmpty(events);
    }
}
