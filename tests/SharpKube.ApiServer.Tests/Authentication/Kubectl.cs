using System.Diagnostics;

namespace SharpKube.ApiServer.Tests.Authentication;

/// <summary>Runs the real kubectl 1.32 binary (installed beside the gcloud kubectl dispatcher), when present.</summary>
public static class Kubectl
{
    public static string? Path { get; } = Find();

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("kubectl.1.32 is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No cached discovery or user config may leak in.
        start.Environment["HOME"] = System.IO.Path.GetTempPath();
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
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

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "kubectl");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var real = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var versioned = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(real)!, "kubectl.1.32");
            if (File.Exists(versioned))
            {
                return versioned;
            }
        }

        return null;
    }
}
