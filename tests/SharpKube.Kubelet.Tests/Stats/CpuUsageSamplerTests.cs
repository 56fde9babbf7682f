using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Stats;

namespace SharpKube.Kubelet.Tests.Stats;

public sealed class CpuUsageSamplerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Dictionary<string, ulong> _counters = new(StringComparer.Ordinal);

    private CpuUsageSampler Sampler() => new(() => _counters, TimeSpan.FromSeconds(10), _time);

    [Fact]
    public void UsageNanoCores_WithoutASample_IsAbsent()
    {
        Assert.Null(Sampler().UsageNanoCores("/pod", _time.GetUtcNow(), 1_000_000_000));
    }

    [Fact]
    public void UsageNanoCores_IsTheCounterIncreaseOverTheTimeSinceTheLastSample()
    {
        var sampler = Sampler();
        _counters["/pod"] = 1_000_000_000;
        sampler.Sample();
        _time.Advance(TimeSpan.FromSeconds(4));

        // 2 s of CPU in 4 s: half a core.
        Assert.Equal(500_000_000UL, sampler.UsageNanoCores("/pod", _time.GetUtcNow(), 3_000_000_000));
    }

    [Fact]
    public void UsageNanoCores_RightAfterASample_UsesThePreviousOne()
    {
        var sampler = Sampler();
        _counters["/pod"] = 0;
        sampler.Sample();
        _time.Advance(TimeSpan.FromSeconds(10));
        _counters["/pod"] = 10_000_000_000;
        sampler.Sample();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        // The latest sample is too recent for a steady rate: 10.1 s of CPU since the previous one, 10.1 s ago.
        Assert.Equal(1_000_000_000UL, sampler.UsageNanoCores("/pod", _time.GetUtcNow(), 10_100_000_000));
    }

    [Fact]
    public void UsageNanoCores_WithOnlyATooRecentSample_IsAbsent()
    {
        var sampler = Sampler();
        _counters["/pod"] = 0;
        sampler.Sample();
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Null(sampler.UsageNanoCores("/pod", _time.GetUtcNow(), 400_000_000));
    }

    [Fact]
    public void UsageNanoCores_WhenTheCounterWentBack_IsAbsent()
    {
        var sampler = Sampler();
        _counters["/pod"] = 5_000_000_000;
        sampler.Sample();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(sampler.UsageNanoCores("/pod", _time.GetUtcNow(), 1_000));
    }

    [Fact]
    public void Sample_ForgetsCgroupsThatAreGone()
    {
        var sampler = Sampler();
        _counters["/pod"] = 0;
        sampler.Sample();
        _counters.Clear();
        sampler.Sample();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(sampler.UsageNanoCores("/pod", _time.GetUtcNow(), 1_000_000_000));
    }

    [Fact]
    public async Task RunAsync_SamplesAtOnceAndThenEveryInterval()
    {
        var reads = 0;
        var counting = new CpuUsageSampler(() =>
        {
            Interlocked.Increment(ref reads);
            return _counters;
        }, TimeSpan.FromSeconds(10), _time);
        using var stop = new CancellationTokenSource();

        var run = counting.RunAsync(stop.Token);
        Assert.Equal(1, Volatile.Read(ref reads));
        _time.Advance(TimeSpan.FromSeconds(10));
        await Probes.Eventually.TrueAsync(() => Volatile.Read(ref reads) == 2, "the second sample is taken");
        await stop.CancelAsync();
        await run;
    }
}
