namespace SharpKube.Cli.Tests.Bench.Dns;

public sealed class DnsBenchCommandTests
{
    [Fact]
    public async Task ZeroServices_IsRejectedBeforeAnythingStarts()
    {
        var run = await CliRun.InProcessAsync("bench", "dns", "--services", "0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--services must be between 1 and 50000, not 0", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDnsperf_FailsWithOneLineNamingThePackage()
    {
        var run = await CliRun.InProcessAsync("bench", "dns", "--dnsperf", "/nonexistent/dnsperf");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Debian package dnsperf", line, StringComparison.Ordinal);
        Assert.Empty(run.Output.Trim());
    }
}
