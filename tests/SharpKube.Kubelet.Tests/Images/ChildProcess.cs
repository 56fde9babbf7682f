using System.Diagnostics;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>Runs a command to completion and captures what it printed.</summary>
internal static class ChildProcess
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    public static Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
    }

    public static async Task<Output> RunAsync(string file, params string[] arguments)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        using var process = Start(file, arguments);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new Output(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT, …) to <paramref name="pid"/> with kill(1).</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        var result = await RunAsync("kill", "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, $"kill -s {signal} {pid}: {result.Stderr}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
