using System.Text.Json;

namespace SharpKube.Cli.Tests.Commands;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_PrintsTheKubernetesVersionServed()
    {
        var run = await CliRun.InProcessAsync("version");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("v1.32.0+sharpkube", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"sharpkube version \d+\.\d+\.\d+", run.Output);
    }

    [Fact]
    public async Task VersionJson_IsAKubernetesVersionDocument()
    {
        var run = await CliRun.InProcessAsync("version", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("1", root.GetProperty("major").GetString());
        Assert.Equal("32", root.GetProperty("minor").GetString());
        Assert.Equal("v1.32.0+sharpkube", root.GetProperty("gitVersion").GetString());
        Assert.Matches("^[a-z]+/[a-z0-9]+$", root.GetProperty("platform").GetString()!);
    }

    [Fact]
    public async Task VersionWithUnknownOutputFormat_FailsWithTheAllowedFormats()
    {
        var run = await CliRun.InProcessAsync("version", "-o", "yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("yaml", run.Error, StringComparison.Ordinal);
        Assert.Contains("json", run.Error, StringComparison.Ordinal);
    }
}
