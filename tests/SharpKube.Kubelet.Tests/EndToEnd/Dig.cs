using System.Diagnostics;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>The real <c>dig</c> (bind9-dnsutils), run on the host.</summary>
public static class Dig
{
    /// <summary>Runs <c>dig</c> with <paramref name="arguments"/> and returns what it printed.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }
}
