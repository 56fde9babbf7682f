namespace SharpKube.Cli.Tests.Commands;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsVersionServerSchedulerAndBenchCommands()
    {
        var run = await CliRun.InProcessAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^\s+version\s", run.Output);
        Assert.Matches(@"(?m)^\s+bench\s", run.Output);
        Assert.Matches(@"(?m)^\s+server\s", run.Output);
        Assert.Matches(@"(?m)^\s+scheduler\s", run.Output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZeroWithoutHelpText()
    {
        var run = await CliRun.InProcessAsync("frobnicate");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output + run.Error, StringComparison.Ordinal);
    }
}
