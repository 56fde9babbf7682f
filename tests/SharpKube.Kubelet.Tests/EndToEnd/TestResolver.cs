using System.Diagnostics;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// A DNS server outside the cluster for the end-to-end tests: dnsmasq on <see cref="Address"/> port 53, answering
/// <see cref="ExternalName"/> and every name below it with <see cref="ExternalAddress"/> (for 300 s, so answers can be
/// cached) and refusing to recurse, logging every query it gets so tests can tell which queries the cluster DNS forwarded.
/// </summary>
public sealed class TestResolver : IAsyncDisposable
{
    /// <summary>The loopback address it listens on, one no other resolver on the machine uses.</summary>
    public const string Address = "127.0.0.88";

    /// <summary>A name only this resolver knows.</summary>
    public const string ExternalName = "external.sharpkube.test";

    /// <summary>The address it gives <see cref="ExternalName"/>.</summary>
    public const string ExternalAddress = "192.0.2.77";

    private readonly List<string> _log = [];
    private Process? _process;

    /// <summary>How many A queries for <paramref name="name"/> reached this resolver so far.</summary>
    public int AQueriesFor(string name)
    {
        lock (_log)
        {
            return _log.Count(l => l.Contains("query[A] " + name + " from", StringComparison.Ordinal));
        }
    }

    /// <summary>Starts dnsmasq and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dnsmasq") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--keep-in-foreground", "--no-daemon", "--log-queries", "--log-facility=-", "--port=53", "--listen-address=" + Address,
            "--bind-interfaces", "--no-resolv", "--no-hosts", "--user=root", "--local-ttl=300", $"--address=/{ExternalName}/{ExternalAddress}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        _process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_log)
                {
                    _log.Add(line);
                }
            }
        });
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await Dig.RunAsync("@" + Address, "+short", "+time=1", "+tries=1", ExternalName)).Trim() != ExternalAddress)
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException("dnsmasq did not start answering: " + string.Join('\n', _log));
            }
            await Task.Delay(100);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
