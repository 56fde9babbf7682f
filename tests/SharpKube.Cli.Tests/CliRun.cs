using System.CommandLine;
using System.Diagnostics;

namespace SharpKube.Cli.Tests;

/// <summary>What one run of the sharpkube command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the command line in this process, capturing stdout and stderr.</summary>
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await SharpKubeCommandLine.RunAsync(
            args, new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built sharpkube binary as its own process, as a user would.</summary>
    public static async Task<CliRun> AsProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
