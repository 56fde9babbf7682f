using SharpKube.Cli.Bench;

namespace SharpKube.Cli.Tests.Bench;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.50)]
    [InlineData(0.90)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void ValueAt_IsWithinOnePercentOfTheExactPercentile(double quantile)
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 200_000).Select(_ => (long)Math.Exp(random.NextDouble() * 20)).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        Array.Sort(values);
        var exact = values[(int)Math.Ceiling(quantile * values.Length) - 1];
        var measured = histogram.ValueAt(quantile);

        Assert.InRange(measured, exact * 0.99, (exact * 1.01) + 1);
    }

    [Fact]
    public void Add_MergesCountsAndKeepsTheExactMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (var i = 1; i <= 100; i++)
        {
            a.Record(i);
        }

        b.Record(123_456_789);

        a.Add(b);

        Assert.Equal(101, a.Count);
        Assert.Equal(123_456_789, a.Max);
        Assert.Equal(123_456_789, a.ValueAt(1.0));
        Assert.Equal(51, a.ValueAt(0.5));
    }

    [Fact]
    public void NegativeDurations_CountAsZero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);

        Assert.Equal(0, histogram.ValueAt(0.5));
        Assert.Equal(1, histogram.Count);
    }
}
