using Microsoft.Extensions.Time.Testing;
using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.Tests.ReplicaSet;

public sealed class ControllerExpectationsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Creations_AreSatisfiedOnceAllAreObserved()
    {
        var expectations = new ControllerExpectations(_time);
        Assert.True(expectations.Satisfied("ns/web"));
        expectations.ExpectCreations("ns/web", 2);
        Assert.False(expectations.Satisfied("ns/web"));
        expectations.CreationObserved("ns/web");
        Assert.False(expectations.Satisfied("ns/web"));
        expectations.CreationObserved("ns/web");
        Assert.True(expectations.Satisfied("ns/web"));
    }

    [Fact]
    public void Deletions_CountEachPodOnce()
    {
        var expectations = new ControllerExpectations(_time);
        expectations.ExpectDeletions("ns/web", ["ns/a", "ns/b"]);
        expectations.DeletionObserved("ns/web", "ns/a");
        expectations.DeletionObserved("ns/web", "ns/a");
        Assert.False(expectations.Satisfied("ns/web"));
        expectations.DeletionObserved("ns/web", "ns/other");
        Assert.False(expectations.Satisfied("ns/web"));
        expectations.DeletionObserved("ns/web", "ns/b");
        Assert.True(expectations.Satisfied("ns/web"));
    }

    [Fact]
    public void UnmetExpectations_ExpireAfterFiveMinutes_AndDeleteForgetsThem()
    {
        var expectations = new ControllerExpectations(_time);
        expectations.ExpectCreations("ns/web", 1);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(expectations.Satisfied("ns/web"));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(expectations.Satisfied("ns/web"));

        expectations.ExpectCreations("ns/other", 3);
        expectations.Delete("ns/other");
        Assert.True(expectations.Satisfied("ns/other"));
    }
}
