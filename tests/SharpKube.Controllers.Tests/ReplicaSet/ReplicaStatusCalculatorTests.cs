using k8s.Models;
using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.Tests.ReplicaSet;

public sealed class ReplicaStatusCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReplicaStatus Empty = new(0, 0, 0, 0, 0, []);

    [Fact]
    public void AFailedSync_AddsReplicaFailureOnce_AndASuccessfulOneRemovesIt()
    {
        var failed = ReplicaStatusCalculator.Calculate(Empty, 1, null, 2, 0, [], new InvalidOperationException("quota exceeded"), Now);
        var condition = Assert.Single(failed.Conditions);
        Assert.Equal(("ReplicaFailure", "True", "FailedCreate", "quota exceeded"), (condition.Type, condition.Status, condition.Reason, condition.Message));

        var failedAgain = ReplicaStatusCalculator.Calculate(failed, 1, null, 2, 0, [], new InvalidOperationException("other"), Now.AddMinutes(1));
        Assert.Equal(condition, Assert.Single(failedAgain.Conditions));
        Assert.True(failedAgain.SameAs(failed));

        var recovered = ReplicaStatusCalculator.Calculate(failedAgain, 1, null, 2, 0, [], null, Now);
        Assert.Empty(recovered.Conditions);
    }

    [Fact]
    public void TooManyPods_FailureIsFailedDelete()
    {
        var pods = new[] { new V1Pod { Metadata = new V1ObjectMeta { Name = "a" } } };
        var status = ReplicaStatusCalculator.Calculate(Empty, 1, null, 0, 0, pods, new InvalidOperationException("denied"), Now);
        Assert.Equal("FailedDelete", Assert.Single(status.Conditions).Reason);
    }
}
