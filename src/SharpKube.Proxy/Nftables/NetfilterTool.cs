using System.Diagnostics;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// Runs the netfilter command-line tools (<c>nft</c>, <c>conntrack</c>, <c>sysctl</c>) in the backend's network
/// namespace: directly, or through <c>ip netns exec NAME</c>.
/// </summary>
internal sealed class NetfilterTool(string? networkNamespace)
{
    /// <summary>The result of one run.</summary>
    public readonly record struct Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, writing <paramref name="input"/> to its stdin.</summary>
    public async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(networkNamespace is null ? program : "ip")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (networkNamespace is not null)
        {
            start.ArgumentList.Add("netns");
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(networkNamespace);
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Applies <paramref name="script"/> with <c>nft -f -</c>: one transaction, all or nothing.</summary>
    /// <exception cref="NftablesException">nft refused the script; nothing changed.</exception>
    public async Task ApplyAsync(string script, CancellationToken cancellationToken)
    {
        var result = await RunAsync("nft", ["-f", "-"], script, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new NftablesException($"nft -f - exited with {result.ExitCode}: {Trim(result.Error)}");
        }
    }

    private static string Trim(string error)
    {
        error = error.Trim();
        return error.Length <= 2000 ? error : error[..2000] + "…";
    }
}
