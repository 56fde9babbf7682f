using System.Diagnostics;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>A kubectl binary run against the benchmark's cluster, with a home directory of its own for its caches.</summary>
internal sealed class KubectlProcess(string binary, string kubeconfig, string home)
{
    /// <summary>The binary, as given.</summary>
    public string Binary => binary;

    /// <summary>Runs kubectl to its end and returns its standard output.</summary>
    /// <exception cref="NodeBenchException">It could not start or exited with a non-zero code.</exception>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new NodeBenchException($"{binary} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }

    /// <summary>Starts kubectl with its output redirected; the caller ends it.</summary>
    /// <exception cref="NodeBenchException">It could not start.</exception>
    public Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        try
        {
            var process = Process.Start(start) ?? throw new NodeBenchException($"{binary} did not start");
            process.StandardInput.Close();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NodeBenchException($"{binary} cannot be run: {e.Message}", e);
        }
    }
}
