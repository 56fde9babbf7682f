using SharpKube.Cli.Bench.Scheduler.Phases;

namespace SharpKube.Cli.Tests.Bench;

public sealed class AttemptDurationHistogramTests
{
    private const string Before = """
        # HELP scheduler_scheduling_attempt_duration_seconds Scheduling attempt latency in seconds (scheduling algorithm + binding)
        # TYPE scheduler_scheduling_attempt_duration_seconds histogram
        scheduler_scheduling_attempt_duration_seconds_sum{result="scheduled",profile="default-scheduler"} 0.5
        scheduler_scheduling_attempt_duration_seconds_count{result="scheduled",profile="default-scheduler"} 10
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="0.001"} 5
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="0.002"} 10
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="+Inf"} 10
        scheduler_scheduling_attempt_duration_seconds_count{result="unschedulable",profile="default-scheduler"} 99
        """;

    private const string After = """
        scheduler_scheduling_attempt_duration_seconds_sum{result="scheduled",profile="default-scheduler"} 2.5
        scheduler_scheduling_attempt_duration_seconds_count{result="scheduled",profile="default-scheduler"} 110
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="0.001"} 5
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="0.002"} 60
        scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="+Inf"} 110
        """;

    [Fact]
    public void TheDifferenceOfTwoReadings_CountsOnlyScheduledAttempts_AndInterpolatesQuantilesWithinBuckets()
    {
        var attempts = AttemptDurationHistogram.Parse(After).Since(AttemptDurationHistogram.Parse(Before));

        Assert.Equal(100, attempts.Count);
        Assert.Equal(2.0, attempts.Sum, 6);
        // 50 attempts between 1 and 2 ms: the median is the last of them, the 25th percentile half way.
        Assert.Equal(0.002, attempts.Quantile(0.50), 6);
        Assert.Equal(0.0015, attempts.Quantile(0.25), 6);
        // Past the last finite bucket: its bound, as Prometheus's histogram_quantile.
        Assert.Equal(0.002, attempts.Quantile(0.99), 6);
    }

    [Fact]
    public void NoAttempts_GiveZeroQuantiles()
    {
        var none = AttemptDurationHistogram.Parse(Before).Since(AttemptDurationHistogram.Parse(Before));

        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.Quantile(0.5));
    }
}
