using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Tests.Pods;

public sealed class SyncOutcomeTests
{
    [Fact]
    public void SyncAgainWithin_KeepsTheSoonestDelay()
    {
        var outcome = new SyncOutcome();
        Assert.Null(outcome.Again);

        outcome.SyncAgainWithin(TimeSpan.FromSeconds(20));
        outcome.SyncAgainWithin(TimeSpan.FromSeconds(5));
        outcome.SyncAgainWithin(TimeSpan.FromSeconds(40));

        Assert.Equal(TimeSpan.FromSeconds(5), outcome.Again);
    }
}
