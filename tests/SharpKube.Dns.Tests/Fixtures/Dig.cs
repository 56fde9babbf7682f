using System.Diagnostics;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>Runs the real <c>dig</c> against a server and returns what it printed.</summary>
public sealed class Dig
{
    private readonly int _port;
    private readonly string _server;

    /// <summary>A dig aimed at <paramref name="server"/>:<paramref name="port"/>.</summary>
    public Dig(string server, int port)
    {
        _server = server;
        _port = port;
    }

    /// <summary><c>dig +short NAME TYPE</c>: the answer data, one record a line, sorted.</summary>
    public async Task<string[]> ShortAsync(string name, string type = "A", params string[] extra)
    {
        var output = await RunAsync([name, type, "+short", .. extra]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>The full output of <c>dig NAME TYPE</c> (with <paramref name="extra"/> options).</summary>
    public Task<string> FullAsync(string name, string type = "A", params string[] extra) => RunAsync([name, type, .. extra]);

    /// <summary>The status of the answer to <c>dig NAME TYPE</c> (NOERROR, NXDOMAIN, …).</summary>
    public async Task<string> StatusAsync(string name, string type = "A", params string[] extra)
    {
        var output = await FullAsync(name, type, extra);
        var marker = "status: ";
        var at = output.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "dig printed no status:\n" + output);
        var end = output.IndexOf(',', at);
        return output[(at + marker.Length)..end];
    }

    private async Task<string> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[$"@{_server}", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=3", "+tries=1", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output;
    }
}
