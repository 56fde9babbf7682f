using SharpKube.Cli.Bench.Dns.Dnsperf;

namespace SharpKube.Cli.Tests.Bench.Dns;

/// <summary>dnsperf 2.10's output as it printed it in runs against dnsmasq on this machine.</summary>
public sealed class DnsperfOutputTests
{
    private const string CachedRun = """
        DNS Performance Testing Tool
        Version 2.10.0

        [Status] Command line: dnsperf -s 127.0.0.1 -p 15353 -d queries -l 2 -c 4 -T 2
        [Status] Sending queries (to 127.0.0.1:15353)
        [Status] Started at: Sat Nov 28 15:26:00 2026
        [Status] Stopping after 2.000000 seconds
        [Status] Testing complete (time limit)

        Statistics:

          Queries sent:         216043
          Queries completed:    216043 (100.00%)
          Queries lost:         0 (0.00%)

          Response codes:       NOERROR 216043 (100.00%)
          Average packet size:  request 47, response 63
          Run time (s):         2.000501
          Queries per second:   107994.447391

          Average Latency (s):  0.000822 (min 0.000018, max 0.006475)
          Latency StdDev (s):   0.000606

        """;

    private const string MixedRun = """
        DNS Performance Testing Tool
        Version 2.10.0

        [Status] Command line: dnsperf -s 127.0.0.1 -p 15353 -d mixed -l 2 -c 4 -T 1
        [Status] Sending queries (to 127.0.0.1:15353)
        [Status] Started at: Sat Nov 28 15:27:32 2026
        [Status] Stopping after 2.000000 seconds
        [Status] Testing complete (time limit)

        Statistics:

          Queries sent:         88318
          Queries completed:    88318 (100.00%)
          Queries lost:         0 (0.00%)

          Response codes:       NOERROR 58879 (66.67%), NXDOMAIN 29439 (33.33%)
          Average packet size:  request 51, response 78
          Run time (s):         2.008734
          Queries per second:   43966.996128

          Average Latency (s):  0.002041 (min 0.000027, max 0.142646)
          Latency StdDev (s):   0.004457

        """;

    private const string LossyRun = """
        DNS Performance Testing Tool
        Version 2.10.0

        [Status] Command line: dnsperf -s 127.0.0.1 -p 15353 -d queries -l 2 -c 8 -T 2 -q 3000
        [Status] Sending queries (to 127.0.0.1:15353)
        [Status] Started at: Sat Nov 28 15:27:36 2026
        [Status] Stopping after 2.000000 seconds
        [Timeout] Query timed out: msg id 1735
        [Timeout] Query timed out: msg id 1736
        [Timeout] Query timed out: msg id 13527
        [Status] Testing complete (time limit)

        Statistics:

          Queries sent:         128640
          Queries completed:    125834 (97.82%)
          Queries lost:         2806 (2.18%)

          Response codes:       NOERROR 125834 (100.00%)
          Average packet size:  request 47, response 63
          Run time (s):         2.009467
          Queries per second:   62620.585459

          Average Latency (s):  0.001819 (min 0.000014, max 0.053472)
          Latency StdDev (s):   0.003128

        """;

    private const string NothingAnswered = """
        DNS Performance Testing Tool
        Version 2.10.0

        [Status] Command line: dnsperf -s 127.0.0.1 -p 1 -d queries -l 1 -t 1 -O suppress=timeouts
        [Status] Sending queries (to 127.0.0.1:1)
        [Status] Started at: Sat Nov 28 15:33:40 2026
        [Status] Stopping after 1.000000 seconds
        [Status] Testing complete (time limit)

        Statistics:

          Queries sent:         100
          Queries completed:    0 (0.00%)
          Queries lost:         100 (100.00%)

          Response codes:       
          Average packet size:  request 46, response 0
          Run time (s):         1.000103
          Queries per second:   0.000000

          Average Latency (s):  0.000000 (min 0.000000, max 0.000000)

        """;

    [Fact]
    public void ParseStatistics_OfACachedRun_ReadsCountsRateAndLatencyInMilliseconds()
    {
        var statistics = DnsperfOutput.ParseStatistics(CachedRun);

        Assert.Equal(216043, statistics.QueriesSent);
        Assert.Equal(216043, statistics.QueriesCompleted);
        Assert.Equal(0, statistics.QueriesLost);
        Assert.Equal(new Dictionary<string, long> { ["NOERROR"] = 216043 }, statistics.ResponseCodes);
        Assert.Equal(2.000501, statistics.RunSeconds);
        Assert.Equal(107994.4, statistics.QueriesPerSecond);
        Assert.Equal(0.822, statistics.AverageLatencyMs);
        Assert.Equal(0.018, statistics.MinLatencyMs);
        Assert.Equal(6.475, statistics.MaxLatencyMs);
        Assert.Equal(0.606, statistics.LatencyStdDevMs);
        Assert.Equal(1.0, statistics.NoErrorShare());
    }

    [Fact]
    public void ParseStatistics_OfAMixedRun_ReadsEveryResponseCode()
    {
        var statistics = DnsperfOutput.ParseStatistics(MixedRun);

        Assert.Equal(new Dictionary<string, long> { ["NOERROR"] = 58879, ["NXDOMAIN"] = 29439 }, statistics.ResponseCodes);
        Assert.Equal(43967.0, statistics.QueriesPerSecond);
        Assert.Equal(142.646, statistics.MaxLatencyMs);
        Assert.Equal(58879.0 / 88318, statistics.NoErrorShare(), 6);
    }

    [Fact]
    public void ParseStatistics_OfARunThatLostQueries_CountsTheLostOnesAndSkipsTimeoutLines()
    {
        var statistics = DnsperfOutput.ParseStatistics(LossyRun);

        Assert.Equal(128640, statistics.QueriesSent);
        Assert.Equal(125834, statistics.QueriesCompleted);
        Assert.Equal(2806, statistics.QueriesLost);
        Assert.Equal(62620.6, statistics.QueriesPerSecond);
    }

    [Fact]
    public void ParseStatistics_WhenNothingWasAnswered_HasNoResponseCodesAndNoStandardDeviation()
    {
        var statistics = DnsperfOutput.ParseStatistics(NothingAnswered);

        Assert.Equal(100, statistics.QueriesLost);
        Assert.Empty(statistics.ResponseCodes);
        Assert.Equal(0, statistics.QueriesPerSecond);
        Assert.Null(statistics.LatencyStdDevMs);
        Assert.Equal(0, statistics.NoErrorShare());
    }

    [Fact]
    public void ParseStatistics_OfOutputWithoutStatistics_ThrowsNamingWhatDnsperfPrinted()
    {
        var e = Assert.Throws<InvalidDataException>(() => DnsperfOutput.ParseStatistics("Error: could not open queries.txt\n"));

        Assert.Contains("no statistics", e.Message, StringComparison.Ordinal);
        Assert.Contains("could not open queries.txt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> NOERROR svc-0.ns-0.svc.cluster.local A 0.000195", 0.000195)]
    [InlineData("> NXDOMAIN missing-svc-1.ns-1.svc.cluster.local A 0.000055", 0.000055)]
    [InlineData("> NOERROR _http._tcp.svc-3.ns-3.svc.cluster.local SRV 0.012000", 0.012)]
    public void QueryLatencySeconds_OfAVerboseQueryLine_IsItsLastField(string line, double seconds) =>
        Assert.Equal(seconds, DnsperfOutput.QueryLatencySeconds(line));

    [Theory]
    [InlineData("[Status] Sending queries (to 127.0.0.1:15353)")]
    [InlineData("  Queries per second:   107994.447391")]
    [InlineData("")]
    public void QueryLatencySeconds_OfAnyOtherLine_IsNull(string line) => Assert.Null(DnsperfOutput.QueryLatencySeconds(line));
}
