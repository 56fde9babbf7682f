using System.Diagnostics;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;
using SharpKube.Controllers.Tests.ReplicaSet;

namespace SharpKube.Controllers.Tests.Manager;

/// <summary>Two controller managers against one API server: only the leader acts, and a standby replaces a dead leader.</summary>
public sealed class LeaderElectionFailoverTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);

    private Kubernetes Client => fixture.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaderKilledMidSync_StandbyTakesOverWithinTheLease_AndNoReplicaSetEverHasTooManyPods()
    {
        var ns = await fixture.NamespaceAsync("leader-failover");
        await using var pods = await PodRecorder.StartAsync(Client, ns);
        using var killFirst = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        // The first leader learns of each pod it creates late, so it dies in the middle of its burst with pods
        // created that it never saw.
        var first = Run("first", killFirst.Token, new SlowResponseHandler(HttpMethod.Post, "/pods", TimeSpan.FromMilliseconds(250)));
        await Eventually.TrueAsync(async () => await HolderAsync() == "first", "the first manager leads");
        var second = Run("second", stopSecond.Token);
        try
        {
            var rs = await Client.AppsV1.CreateNamespacedReplicaSetAsync(Workloads.ReplicaSet("web", 30), ns, cancellationToken: Cancel);
            await Eventually.TrueAsync(() => pods.Active(rs.Metadata.Uid) > 0, "the leader started creating pods");

            // Killed, not stopped: the Lease is not released, so the standby must wait for it to expire.
            await killFirst.CancelAsync();
            var killed = Stopwatch.StartNew();
            await first;
            TestContext.Current.TestOutputHelper?.WriteLine($"killed the leader with {pods.Active(rs.Metadata.Uid)} of 30 pods");
            Assert.Equal("first", await HolderAsync());
            // Replicas lost while nobody leads: the new leader has to replace them.
            foreach (var pod in (await Client.ActivePodsOwnedByAsync(ns, rs.Metadata.Uid)).Take(3))
            {
                await Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, ns, cancellationToken: Cancel);
            }

            // The standby sees no renewal for a lease duration, then takes over at its next try (retry period, jittered).
            await Eventually.TrueAsync(async () => await HolderAsync() == "second", "the standby took over",
                LeaseDuration + 3 * RetryPeriod + TimeSpan.FromSeconds(10));
            // The dead leader last renewed at most a renew deadline before it died.
            Assert.True(killed.Elapsed >= LeaseDuration - RenewDeadline,
                $"the standby waited for the lease to expire (took over {killed.Elapsed} after the kill)");
            await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "web")).Status?.Replicas == 30
                && pods.Active(rs.Metadata.Uid) == 30, "the new leader completed the replica set");

            await Client.ScaleReplicaSetAsync(ns, "web", 5);
            await Eventually.TrueAsync(() => pods.Active(rs.Metadata.Uid) == 5, "the new leader scaled it down");
            Assert.Equal(30, pods.MaxActive(rs.Metadata.Uid));
            Assert.False(second.IsCompleted);
        }
        finally
        {
            await killFirst.CancelAsync();
            await stopSecond.CancelAsync();
            await Task.WhenAll(first, second);
        }
    }

    private Task Run(string identity, CancellationToken cancellationToken, params DelegatingHandler[] handlers)
    {
        var options = new ControllerManagerOptions
        {
            LeaderElect = true,
            Identity = identity,
            Controllers = new HashSet<string> { "replicaset" },
            LeaseDuration = LeaseDuration,
            RenewDeadline = RenewDeadline,
            RetryPeriod = RetryPeriod,
            ReleaseOnCancel = false,
        };
        return Task.Run(() => ControllerManager.RunAsync(fixture.NewClient(handlers), options, NullLoggerFactory.Instance, cancellationToken),
            CancellationToken.None);
    }

    private async Task<string?> HolderAsync()
    {
        try
        {
            var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync(ControllerManager.LeaseName, "kube-system", cancellationToken: Cancel);
            return lease.Spec?.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
