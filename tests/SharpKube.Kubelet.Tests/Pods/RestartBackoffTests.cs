using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Tests.Pods;

/// <summary>CrashLoopBackOff timing on a fake clock: each crash is at "now", as the kubelet sees an exit soon after it.</summary>
public sealed class RestartBackoffTests
{
    private const string Key = "0a1b2c3d/app";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Remaining_BeforeAnyRestart_IsZero()
    {
        var backoff = new RestartBackoff(_time);

        Assert.Equal(TimeSpan.Zero, backoff.Remaining(Key, _time.GetUtcNow()));
        Assert.Equal(TimeSpan.Zero, backoff.Current(Key));
    }

    [Fact]
    public void Restarts_WaitTenSecondsDoublingUpToFiveMinutes()
    {
        var backoff = new RestartBackoff(_time);
        var waits = new List<double>();
        for (var crash = 0; crash < 9; crash++)
        {
            var finished = _time.GetUtcNow();
            var wait = backoff.Remaining(Key, finished);
            waits.Add(wait.TotalSeconds);
            _time.Advance(wait);
            Assert.Equal(TimeSpan.Zero, backoff.Remaining(Key, finished));
            backoff.Next(Key, finished);
            _time.Advance(TimeSpan.FromSeconds(1)); // the new instance runs a second, then crashes again
        }

        Assert.Equal([0, 10, 20, 40, 80, 160, 300, 300, 300], waits);
    }

    [Fact]
    public void Remaining_CountsFromWhenTheContainerFinished()
    {
        var backoff = new RestartBackoff(_time);
        backoff.Next(Key, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(3));
        var finished = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(6), backoff.Remaining(Key, finished));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Current(Key));
    }

    [Fact]
    public void Next_AfterARunLongerThanTwiceTheMaximum_StartsAgainFromTenSeconds()
    {
        var backoff = new RestartBackoff(_time);
        for (var crash = 0; crash < 8; crash++)
        {
            backoff.Next(Key, _time.GetUtcNow());
        }
        Assert.Equal(TimeSpan.FromMinutes(5), backoff.Current(Key));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        backoff.Next(Key, _time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Current(Key));
    }

    [Fact]
    public void Remaining_AfterARunLongerThanTwiceTheMaximum_IsZero()
    {
        var backoff = new RestartBackoff(_time);
        for (var crash = 0; crash < 8; crash++)
        {
            backoff.Next(Key, _time.GetUtcNow());
        }

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, backoff.Remaining(Key, _time.GetUtcNow()));
    }

    [Fact]
    public void Next_AfterARunOfExactlyTwiceTheMaximum_KeepsBackingOff()
    {
        var backoff = new RestartBackoff(_time);
        backoff.Next(Key, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(10));
        backoff.Next(Key, _time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Current(Key));
    }

    [Fact]
    public void Keys_BackOffIndependently()
    {
        var backoff = new RestartBackoff(_time);
        backoff.Next(Key, _time.GetUtcNow());
        backoff.Next(Key, _time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Current(Key));
        Assert.Equal(TimeSpan.Zero, backoff.Current("0a1b2c3d/sidecar"));
    }

    [Fact]
    public void Forget_RemovesEveryKeyWithThePrefixOnly()
    {
        var backoff = new RestartBackoff(_time);
        foreach (var key in new[] { "pod-1/app", "pod-1/app/image", "pod-1/sidecar", "pod-10/app", "pod-2/app" })
        {
            backoff.Next(key, _time.GetUtcNow());
        }

        backoff.Forget("pod-1/");

        Assert.Equal(TimeSpan.Zero, backoff.Current("pod-1/app"));
        Assert.Equal(TimeSpan.Zero, backoff.Current("pod-1/app/image"));
        Assert.Equal(TimeSpan.Zero, backoff.Current("pod-1/sidecar"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Current("pod-10/app"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Current("pod-2/app"));
    }

    [Fact]
    public void Constructor_WithOtherBounds_UsesThem()
    {
        var backoff = new RestartBackoff(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var currents = new List<double>();
        for (var crash = 0; crash < 4; crash++)
        {
            backoff.Next(Key, _time.GetUtcNow());
            currents.Add(backoff.Current(Key).TotalSeconds);
        }

        Assert.Equal([1, 2, 3, 3], currents);
    }
}
