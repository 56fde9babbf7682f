using k8s;
using k8s.Models;
using SharpKube.Client.LeaderElection;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.LeaderElection;

public sealed class LeaderElectorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<V1Lease> LeaseAsync(string name) =>
        fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "default", cancellationToken: Ct);

    [Fact]
    public async Task TwoCandidates_OneLeads_AndWhenItStopsWithoutReleasing_TheOtherTakesOverAfterTheLeaseExpires()
    {
        const string lease = "election-expiry";
        var leaseDuration = TimeSpan.FromSeconds(4);
        var leaders = new List<string>();
        void OnLeading(string identity)
        {
            lock (leaders)
            {
                leaders.Add(identity);
            }
        }
        using var clientA = fixture.NewClient();
        using var clientB = fixture.NewClient();
        await using var a = new Candidate(clientA, "a", lease, leaseDuration, releaseOnCancel: false, OnLeading);
        await using var b = new Candidate(clientB, "b", lease, leaseDuration, releaseOnCancel: false, OnLeading);

        await Eventually.TrueAsync(() => a.Elector.IsLeader || b.Elector.IsLeader, "one candidate leads");
        var (leader, follower) = a.Elector.IsLeader ? (a, b) : (b, a);
        // Let the follower try (and fail) several times while the leader renews.
        var renewed = (await LeaseAsync(lease)).Spec.RenewTime!.Value;
        await Eventually.TrueAsync(async () => (await LeaseAsync(lease)).Spec.RenewTime > renewed.AddSeconds(1), "the leader renewed for a while");
        Assert.False(follower.Elector.IsLeader);
        Assert.Equal(leader.Elector.Leader, follower.Elector.Leader);
        var held = await LeaseAsync(lease);
        Assert.Equal(leader.Elector.Leader, held.Spec.HolderIdentity);
        Assert.Equal(0, held.Spec.LeaseTransitions);
        Assert.Equal(4, held.Spec.LeaseDurationSeconds);

        await leader.StopAsync();
        var abandoned = await LeaseAsync(lease);
        Assert.Equal(leader.Elector.Leader, abandoned.Spec.HolderIdentity);
        Assert.True(leader.WorkCancelled);
        Assert.Equal(1, leader.Stopped);

        await Eventually.TrueAsync(() => follower.Elector.IsLeader, "the follower took over");
        var taken = await LeaseAsync(lease);
        Assert.Equal(follower.Elector.Leader, taken.Spec.HolderIdentity);
        Assert.NotEqual(held.Spec.HolderIdentity, taken.Spec.HolderIdentity);
        Assert.Equal(1, taken.Spec.LeaseTransitions);
        Assert.True(taken.Spec.AcquireTime >= abandoned.Spec.RenewTime!.Value + leaseDuration,
            $"taken at {taken.Spec.AcquireTime:O}, before the lease renewed at {abandoned.Spec.RenewTime:O} expired");
        lock (leaders)
        {
            Assert.Equal([held.Spec.HolderIdentity, taken.Spec.HolderIdentity], leaders);
        }
    }

    [Fact]
    public async Task ALeaderStoppedWithRelease_ClearsTheHolder_AndTheOtherCandidateTakesOverWithoutWaitingForExpiry()
    {
        const string lease = "election-release";
        var leaseDuration = TimeSpan.FromSeconds(20);
        using var clientA = fixture.NewClient();
        await using var a = new Candidate(clientA, "a", lease, leaseDuration, releaseOnCancel: true, _ => { });
        await Eventually.TrueAsync(() => a.Elector.IsLeader, "the first candidate leads");
        using var clientB = fixture.NewClient();
        await using var b = new Candidate(clientB, "b", lease, leaseDuration, releaseOnCancel: true, _ => { });
        await Eventually.TrueAsync(() => b.Elector.Leader == "a", "the second candidate saw the leader");

        await a.StopAsync();
        var released = await LeaseAsync(lease);

        Assert.False(a.Elector.IsLeader);
        Assert.Equal(1, a.Stopped);
        Assert.True(string.IsNullOrEmpty(released.Spec.HolderIdentity) || released.Spec.HolderIdentity == "b");
        await Eventually.TrueAsync(() => b.Elector.IsLeader, "the second candidate took over");
        var taken = await LeaseAsync(lease);
        Assert.Equal("b", taken.Spec.HolderIdentity);
        Assert.Equal(1, taken.Spec.LeaseTransitions);
        Assert.True(taken.Spec.AcquireTime < released.Spec.RenewTime!.Value + leaseDuration, "took over before the old lease would have expired");

        await b.StopAsync();
        var final = await LeaseAsync(lease);
        Assert.Null(final.Spec.HolderIdentity);
        Assert.Equal(1, final.Spec.LeaseTransitions);
    }

    [Fact]
    public void Options_WithARenewDeadlineNotShorterThanTheLease_AreRefused()
    {
        using var client = fixture.NewClient();
        Assert.Throws<ArgumentException>(() => new LeaderElector(client, new LeaderElectorOptions
        {
            LeaseName = "x",
            Identity = "x",
            LeaseDuration = TimeSpan.FromSeconds(10),
            RenewDeadline = TimeSpan.FromSeconds(10),
            OnStartedLeading = _ => Task.CompletedTask,
        }));
    }
}
