using System.Diagnostics;

namespace SharpKube.Proxy.Node;

/// <summary>
/// Runs the node's networking tools — on the host, or inside one named network namespace through
/// <c>ip netns exec</c> when <see cref="NetworkNamespace"/> is set, so tests program a private namespace exactly
/// the way the proxy programs a node.
/// </summary>
public sealed class NodeCommands
{
    /// <summary>Commands on the host (null) or in the named network namespace.</summary>
    public NodeCommands(string? networkNamespace) => NetworkNamespace = string.IsNullOrEmpty(networkNamespace) ? null : networkNamespace;

    /// <summary>The namespace commands run in, or null for the host's.</summary>
    public string? NetworkNamespace { get; }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, feeding it <paramref name="standardInput"/>, and returns how it ended.</summary>
    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, string? standardInput,
        CancellationToken cancellationToken)
    {
        var start = NetworkNamespace is null ? new ProcessStartInfo(program) : new ProcessStartInfo("ip");
        if (NetworkNamespace is not null)
        {
            start.ArgumentList.Add("netns");
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(NetworkNamespace);
            start.ArgumentList.Add(program);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code and stderr say why.
        }
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs a command that must succeed and returns its standard output.</summary>
    /// <exception cref="NodeCommandException">It exited with a non-zero code.</exception>
    public async Task<string> RunCheckedAsync(string program, IReadOnlyList<string> arguments, string? standardInput,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync(program, arguments, standardInput, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new NodeCommandException(Describe(program, arguments), result.ExitCode, result.StandardError);
        }
        return result.StandardOutput;
    }

    private string Describe(string program, IReadOnlyList<string> arguments) =>
        (NetworkNamespace is null ? "" : $"ip netns exec {NetworkNamespace} ") + program + (arguments.Count == 0 ? "" : " " + string.Join(' ', arguments));
}
