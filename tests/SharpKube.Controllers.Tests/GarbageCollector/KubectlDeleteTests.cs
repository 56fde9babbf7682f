using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;
using SharpKube.Controllers.Tests.ReplicaSet;

namespace SharpKube.Controllers.Tests.GarbageCollector;

/// <summary><c>kubectl delete</c> with each cascade mode, against the ReplicaSet controller and the garbage collector.</summary>
public sealed class KubectlDeleteTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sharpkube-kubectl-home-").FullName;

    private Kubernetes Client => fixture.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_home, recursive: true);

    private KubectlRunner Kubectl(string ns) => new(fixture.Server.AdminKubeconfigPath, Path.Combine(_home, ns));

    [Fact]
    public async Task KubectlDelete_Background_TakesThePodsAlong()
    {
        var ns = await fixture.NamespaceAsync("kubectl-delete-background");
        await using var controllers = RunningControllers.Start(fixture, "replicaset", "garbagecollector");
        await CreateReplicaSetWithPodsAsync(ns);

        var result = (await Kubectl(ns).RunAsync("delete", "rs", "web", "-n", ns)).EnsureSuccess();

        Assert.Contains("replicaset.apps \"web\" deleted", result.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await Client.PodsAsync(ns)).Count == 0, "the pods were collected");
    }

    [Fact]
    public async Task KubectlDelete_CascadeOrphan_LeavesThePodsWithoutOwnerReferences()
    {
        var ns = await fixture.NamespaceAsync("kubectl-delete-orphan");
        await using var controllers = RunningControllers.Start(fixture, "replicaset", "garbagecollector");
        await CreateReplicaSetWithPodsAsync(ns);

        (await Kubectl(ns).RunAsync("delete", "rs", "web", "-n", ns, "--cascade=orphan")).EnsureSuccess();

        Assert.Empty((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: Cancel)).Items);
        var pods = await Client.PodsAsync(ns);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Null(p.Metadata.OwnerReferences));
    }

    [Fact]
    public async Task KubectlDelete_CascadeForeground_RemovesTheReplicaSetLast()
    {
        var ns = await fixture.NamespaceAsync("kubectl-delete-foreground");
        await using var controllers = RunningControllers.Start(fixture, "replicaset", "garbagecollector");
        await CreateReplicaSetWithPodsAsync(ns);
        var podNames = (await Client.PodsAsync(ns)).Select(p => p.Metadata.Name).ToList();
        await using var pods = await WatchRecorder<V1Pod>.StartAsync(Client, ns);
        await using var replicaSets = await WatchRecorder<V1ReplicaSet>.StartAsync(Client, ns);

        // kubectl waits until the replica set is gone.
        (await Kubectl(ns).RunAsync("delete", "rs", "web", "-n", ns, "--cascade=foreground")).EnsureSuccess();

        Assert.Empty((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: Cancel)).Items);
        Assert.Empty(await Client.PodsAsync(ns));
        await Eventually.TrueAsync(() => replicaSets.DeletedAt("web") is not null && podNames.All(p => pods.DeletedAt(p) is not null),
            "the watches saw every deletion");
        Assert.All(podNames, p => Assert.True(pods.DeletedAt(p) < replicaSets.DeletedAt("web"), $"pod {p} went before its replica set"));
    }

    private async Task CreateReplicaSetWithPodsAsync(string ns)
    {
        var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 3), ns, cancellationToken: Cancel);
        await Eventually.TrueAsync(async () => (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Count == 3, "the pods exist");
    }
}
