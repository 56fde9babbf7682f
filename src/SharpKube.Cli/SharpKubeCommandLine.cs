using System.CommandLine;
using System.CommandLine.Invocation;
using SharpKube.Cli.Commands;
using SharpKube.Cli.Commands.Bench;

namespace SharpKube.Cli;

/// <summary>The <c>sharpkube</c> command tree, shared by the executable and the tests that run it in-process.</summary>
internal static class SharpKubeCommandLine
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create() =>
        new("SharpKube: Kubernetes in one .NET binary")
        {
            VersionCommand.Create(),
            ServerCommand.Create(),
            ServerCommand.Create("apiserver"),
            ControllerManagerCommand.Create(),
            SchedulerCommand.Create(),
            KubeletCommand.Create(),
            DnsCommand.Create(),
            AgentCommand.Create(),
            HollowNodesCommand.Create(),
            BenchCommand.Create(),
            ImagesCommand.Create(),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="configuration">Where output goes (default: the console).</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var parseResult = Create().Parse(args);
        if (parseResult.Action is ParseErrorAction parseError)
        {
            // A bad flag is answered with what is wrong, not the whole help text.
            parseError.ShowHelp = false;
        }

        return parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
