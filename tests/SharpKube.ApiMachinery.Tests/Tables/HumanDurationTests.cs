using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(121, "2m1s")]
    [InlineData(312, "5m12s")]
    [InlineData(300, "5m")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(659, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(7 * 3600 + 59 * 60 + 59, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(8 * 3600 + 30 * 60, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(7 * 86400 + 23 * 3600, "7d23h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(8 * 86400 + 5 * 3600, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(3 * 365 * 86400 + 120 * 86400, "3y120d")]
    [InlineData(8 * 365 * 86400, "8y")]
    [InlineData(8 * 365 * 86400 + 100 * 86400, "8y")]
    public void Format_ReadsLikeUpstreamAgeColumns(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Format_ToleratesUpToOneSecondOfFutureSkew()
    {
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-500)));
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-1999)));
        Assert.Equal("<invalid>", HumanDuration.Format(TimeSpan.FromSeconds(-2)));
        Assert.Equal("<invalid>", HumanDuration.Format(TimeSpan.FromDays(-3)));
    }

    [Fact]
    public void Format_TruncatesFractionsOfASecond() =>
        Assert.Equal("59s", HumanDuration.Format(TimeSpan.FromMilliseconds(59_999)));

    [Fact]
    public void Since_AMissingTimestamp_IsUnknown() =>
        Assert.Equal("<unknown>", HumanDuration.Since(null, TableFixture.Now));

    [Fact]
    public void Since_MeasuresFromTheTimestampToNow() =>
        Assert.Equal("5m12s", HumanDuration.Since(TableFixture.Now.AddSeconds(-312), TableFixture.Now));
}
