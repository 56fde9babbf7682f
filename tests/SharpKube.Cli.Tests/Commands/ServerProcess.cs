using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SharpKube.Cli.Tests.Commands;

/// <summary>A <c>sharpkube server</c> child process on a data directory, started and waited for until it says it is ready.</summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The server's process id.</summary>
    public int Id => _process.Id;

    public static Task<ServerProcess> StartAsync(string dataDir, params string[] extraArgs) =>
        StartAsync(dataDir, new Dictionary<string, string?>(), extraArgs);

    /// <summary>Starts the server with <paramref name="environment"/> set (a null value removes the variable).</summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string?> environment, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"), "server", "--data-dir", dataDir, "--https-port", "0", "--bind-address", "127.0.0.1", "--disable", "kubelet" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Contains("sharpkube is ready", StringComparison.Ordinal) && ApiUrl().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new ServerProcess(process, new Uri(match.Groups[1].Value));
            }
        }
        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("sharpkube server exited before it was ready");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"API server at (https://127\.0\.0\.1:\d+)/?")]
    private static partial Regex ApiUrl();
}
