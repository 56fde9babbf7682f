using System.Diagnostics;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Reads the lines a long-running kubectl (<c>get -w</c>) prints, waiting for one with a deadline.</summary>
public sealed class KubectlWatchOutput(Process process) : IDisposable
{
    private readonly List<string> _lines = [];

    /// <summary>Every line read so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Reads lines until one satisfies <paramref name="match"/>; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken) : "";
                Assert.Fail($"no matching line within {timeout}; kubectl printed:\n{string.Join("\n", _lines)}\n{error}");
                throw;
            }
            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                Assert.Fail($"kubectl exited before a matching line; it printed:\n{string.Join("\n", _lines)}\n{error}");
            }
            _lines.Add(line);
            if (match(line))
            {
                return line;
            }
        }
    }

    /// <summary>Kills kubectl.</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
