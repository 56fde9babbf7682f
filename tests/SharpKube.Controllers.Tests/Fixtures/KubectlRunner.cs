using System.Diagnostics;
using System.Text;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Runs the real kubectl (kubectl.1.32 when installed, else kubectl) against a test server.</summary>
public sealed class KubectlRunner
{
    private readonly string _kubeconfig;
    private readonly string _home;
    private readonly string _binary;

    /// <summary>
    /// Creates a runner using <paramref name="kubeconfig"/> and a private HOME (its own discovery cache);
    /// <paramref name="binary"/> picks another kubectl than <see cref="Binary"/>.
    /// </summary>
    public KubectlRunner(string kubeconfig, string home, string? binary = null)
    {
        _kubeconfig = kubeconfig;
        _home = home;
        _binary = binary ?? Binary;
        Directory.CreateDirectory(home);
    }

    /// <summary>The kubectl binary used.</summary>
    public static string Binary { get; } = Find("1.32");

    /// <summary>Runs kubectl to completion (60 s limit) and returns its exit code and output.</summary>
    public Task<KubectlResult> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs kubectl with <paramref name="stdin"/> on its standard input.</summary>
    public Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] arguments) =>
        RunProcessAsync(StartProcess(null, arguments), stdin);

    /// <summary>
    /// Runs kubectl with extra environment variables, e.g. <c>KUBE_EDITOR</c> for <c>kubectl edit</c> or
    /// <c>TMPDIR</c> for where it writes its temporary files.
    /// </summary>
    public Task<KubectlResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProcessAsync(StartProcess(environment, arguments), null);

    private static async Task<KubectlResult> RunProcessAsync(Process started, string? stdin)
    {
        using var process = started;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
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
        return new KubectlResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>); the caller reads and kills it.</summary>
    public Process Start(params string[] arguments) => StartProcess(null, arguments);

    private Process StartProcess(IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = _home;
        start.Environment.Remove("KUBECONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>The versioned kubectl (e.g. <c>kubectl.1.30</c>) installed next to kubectl; null when there is none.</summary>
    public static string? FindVersioned(string version)
    {
        var found = Find(version);
        return found.EndsWith("kubectl." + version, StringComparison.Ordinal) ? found : null;
    }

    private static string Find(string version)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "kubectl");
            if (!File.Exists(candidate))
            {
                continue;
            }
            var real = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var versioned = Path.Combine(Path.GetDirectoryName(real)!, "kubectl." + version);
            return File.Exists(versioned) ? versioned : candidate;
        }
        return "kubectl";
    }
}
