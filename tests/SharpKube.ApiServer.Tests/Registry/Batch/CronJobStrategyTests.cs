using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.CronJobs;

namespace SharpKube.ApiServer.Tests.Registry.Batch;

public sealed class CronJobStrategyTests
{
    private static FieldErrorList Create(string schedule)
    {
        var cronJob = Json.Parse("""
            {"metadata":{"name":"backup","namespace":"default"},
             "spec":{"schedule":"SCHEDULE","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
               "containers":[{"name":"b","image":"busybox"}]}}}}}}
            """.Replace("SCHEDULE", schedule, StringComparison.Ordinal));
        CronJobStrategy.Instance.PrepareForCreate(cronJob);
        var errors = new FieldErrorList();
        CronJobStrategy.Instance.Validate(cronJob, errors);
        return errors;
    }

    [Fact]
    public void PrepareForCreate_FillsCronJobDefaultsButNotJobObjectDefaults()
    {
        var cronJob = Json.Parse("""
            {"metadata":{"name":"backup","namespace":"default"},
             "spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
               "containers":[{"name":"b","image":"busybox"}]}}}}}}
            """);

        CronJobStrategy.Instance.PrepareForCreate(cronJob);

        var spec = cronJob["spec"]!;
        Assert.Equal("Allow", spec["concurrencyPolicy"]!.GetValue<string>());
        Assert.False(spec["suspend"]!.GetValue<bool>());
        Assert.Equal(3, spec["successfulJobsHistoryLimit"]!.GetValue<int>());
        Assert.Equal(1, spec["failedJobsHistoryLimit"]!.GetValue<int>());
        Json.Equal("""{"creationTimestamp":null}""", spec["jobTemplate"]!["metadata"]!);
        Assert.Null(spec["jobTemplate"]!["spec"]!["backoffLimit"]);
        Assert.Equal("ClusterFirst", spec["jobTemplate"]!["spec"]!["template"]!["spec"]!["dnsPolicy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 3 * * MON-FRI")]
    [InlineData("@hourly")]
    [InlineData("@every 90m")]
    [InlineData("15,45 1-5/2 1 jan,jul ?")]
    public void Validate_StandardSchedules_AreAccepted(string schedule) => Assert.Empty(Create(schedule));

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("@fortnightly", "unrecognized descriptor: @fortnightly")]
    public void Validate_BadSchedules_ReportTheParsersMessage(string schedule, string message)
    {
        var error = Assert.Single(Create(schedule));

        Assert.Equal($"spec.schedule: Invalid value: \"{schedule}\": {message}", error.ToString());
    }

    [Fact]
    public void Validate_TimeZoneInSchedule_PointsToTheTimeZoneField()
    {
        Assert.Contains("spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            Errors.Lines(Create("CRON_TZ=UTC 0 * * * *")));
    }
}
