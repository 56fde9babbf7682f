using System.Diagnostics;
using System.Globalization;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>
/// A private network namespace (<c>ip netns</c>) the proxy benchmark programs instead of the host, so that thousands
/// of benchmark services never touch the machine's own rules; deleted with everything in it on dispose.
/// </summary>
internal sealed class BenchNetworkNamespace : IAsyncDisposable
{
    private BenchNetworkNamespace(string name) => Name = name;

    /// <summary>The namespace's name.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace with its loopback up.</summary>
    public static async Task<BenchNetworkNamespace> CreateAsync(CancellationToken cancellationToken)
    {
        var name = "skbench-proxy-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        await RunAsync(cancellationToken, "ip", "netns", "add", name);
        var created = new BenchNetworkNamespace(name);
        try
        {
            await RunAsync(cancellationToken, "ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await RunAsync(CancellationToken.None, "ip", "netns", "del", Name);

    private static async Task RunAsync(CancellationToken cancellationToken, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {(await error).Trim()}");
        }
    }
}
