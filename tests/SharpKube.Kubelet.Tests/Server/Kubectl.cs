using System.Diagnostics;
using System.Text;

namespace SharpKube.Kubelet.Tests.Server;

/// <summary>Runs the real kubectl (kubectl.1.32 next to kubectl when installed) with a kubeconfig and a private HOME.</summary>
public sealed class Kubectl(string kubeconfig, string home)
{
    public static string Binary { get; } = Find("1.32");

    /// <summary>Runs kubectl to completion (60 s limit).</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>logs -f</c>); the caller reads it and ends it.</summary>
    public Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        return Process.Start(start)!;
    }

    private static string Find(string version)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "kubectl");
            if (File.Exists(candidate))
            {
                var real = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                var versioned = Path.Combine(Path.GetDirectoryName(real)!, "kubectl." + version);
                return File.Exists(versioned) ? versioned : candidate;
            }
        }
        return "kubectl";
    }
}
