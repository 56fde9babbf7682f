using System.CommandLine;

namespace SharpKube.Cli.Commands.Bench;

/// <summary><c>sharpkube bench …</c>: the macro benchmarks, one subcommand per area.</summary>
internal static class BenchCommand
{
    public static Command Create() =>
        new("bench", "Run a benchmark and print a table and JSON of its results")
        {
            StorageBenchCommand.Create(),
            ApiServerBenchCommand.Create(),
            ControllersBenchCommand.Create(),
            SchedulerBenchCommand.Create(),
            PodStartupBenchCommand.Create(),
            StreamingBenchCommand.Create(),
            ProxyBenchCommand.Create(),
            DnsBenchCommand.Create(),
        };
}
