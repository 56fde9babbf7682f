using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench.Dns;

/// <summary>The whole of <c>sharpkube bench dns</c>, small: a server child process, sharpkube dns, dnsmasq and dnsperf.</summary>
[Collection(DnsBenchCollection.Name)]
public sealed class DnsBenchRunTests
{
    [Fact]
    public async Task ShortRun_ReportsBothServersAnsweringEveryCachedNameAndKeepsItsFiles()
    {
        var dir = Directory.CreateTempSubdirectory("sharpkube-bench-dns-test-").FullName;
        try
        {
            var run = await CliRun.InProcessAsync(
                "bench", "dns", "--services", "60", "--duration", "1", "--latency-qps", "2000", "--output-dir", dir);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("A of cached in-cluster names", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json"), TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("dns", report.GetProperty("benchmark").GetString());
            Assert.Equal(60, report.GetProperty("settings").GetProperty("services").GetInt32());
            Assert.Equal(6, report.GetProperty("settings").GetProperty("headlessServices").GetInt32());
            var servers = report.GetProperty("servers").EnumerateArray().ToArray();
            Assert.Equal("sharpkube dns", servers[0].GetProperty("server").GetString());
            Assert.StartsWith("dnsmasq ", servers[1].GetProperty("server").GetString(), StringComparison.Ordinal);
            Assert.True(servers[0].GetProperty("readySeconds").GetDouble() > 0);
            foreach (var server in servers)
            {
                Assert.True(server.GetProperty("rssEndBytes").GetInt64() > 0);
                var passes = server.GetProperty("passes").EnumerateArray().ToDictionary(p => p.GetProperty("pass").GetString()!);
                var cached = passes["cached"].GetProperty("statistics");
                Assert.True(cached.GetProperty("queriesPerSecond").GetDouble() > 0);
                Assert.Equal(cached.GetProperty("queriesCompleted").GetInt64(), cached.GetProperty("responseCodes").GetProperty("NOERROR").GetInt64());
                Assert.True(passes["latency"].GetProperty("latency").GetProperty("count").GetInt64() > 0);
                var mixed = passes["mixed"].GetProperty("statistics").GetProperty("responseCodes");
                Assert.True(mixed.GetProperty("NXDOMAIN").GetInt64() > 0);
            }

            Assert.True(File.Exists(Path.Combine(dir, "dnsmasq.hosts")));
            Assert.Equal(60, File.ReadAllLines(Path.Combine(dir, "queries-cached.txt")).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
