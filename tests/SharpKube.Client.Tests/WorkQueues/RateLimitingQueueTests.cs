using Microsoft.Extensions.Time.Testing;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Client.Tests.WorkQueues;

public sealed class RateLimitingQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddAfter_AddsTheKeyWhenItsDelayPasses_AtTheEarliestOfSeveralRequests()
    {
        var time = new FakeTimeProvider();
        using var queue = new RateLimitingQueue<string>(time: time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("b", TimeSpan.FromSeconds(5));
        queue.AddAfter("now", TimeSpan.Zero);

        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, queue.Count);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, queue.Count);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_BacksOffExponentiallyPerKey_AndForgetResetsTheBackoff()
    {
        var time = new FakeTimeProvider();
        using var queue = new RateLimitingQueue<string>(time: time);

        foreach (var expected in new[] { 5, 10, 20, 40 })
        {
            queue.AddRateLimited("a");
            time.Advance(TimeSpan.FromMilliseconds(expected - 1));
            Assert.Equal(0, queue.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, queue.Count);
            var (key, _) = await queue.GetAsync(Ct);
            queue.Done(key);
        }
        Assert.Equal(4, queue.NumRequeues("a"));
        Assert.Equal(0, queue.NumRequeues("b"));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        queue.AddRateLimited("a");
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void DefaultControllerRateLimiter_CapsPerKeyBackoffAt1000Seconds()
    {
        var limiter = DefaultControllerRateLimiter.Create<string>(new FakeTimeProvider());

        var delays = Enumerable.Range(0, 40).Select(_ => limiter.When("a")).ToArray();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[^1]);
        Assert.Equal(40, limiter.NumRequeues("a"));
    }

    [Fact]
    public void DefaultControllerRateLimiter_AllowsABurstOf100_ThenTenPerSecondAcrossKeys()
    {
        var time = new FakeTimeProvider();
        var limiter = DefaultControllerRateLimiter.Create<int>(time);

        var burst = Enumerable.Range(0, 100).Select(limiter.When).ToArray();
        var next = limiter.When(100);
        var afterThat = limiter.When(101);

        Assert.All(burst, delay => Assert.Equal(TimeSpan.FromMilliseconds(5), delay));
        Assert.Equal(TimeSpan.FromMilliseconds(100), next);
        Assert.Equal(TimeSpan.FromMilliseconds(200), afterThat);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(102));
    }
}
