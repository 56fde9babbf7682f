using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>
/// A real dnsmasq on 127.0.0.1 and a free port standing in for the node's upstream resolver: it knows
/// <c>external.test</c> (192.0.2.7), is authoritative-looking NXDOMAIN for other names, and logs every query it
/// gets, so tests can tell whether a question reached it.
/// </summary>
public sealed class Dnsmasq : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private Dnsmasq(Process process, string log, int port)
    {
        _process = process;
        _log = log;
        Port = port;
    }

    /// <summary>The port it listens on (UDP and TCP).</summary>
    public int Port { get; }

    /// <summary>Its endpoint.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Starts dnsmasq and waits until it answers.</summary>
    public static async Task<Dnsmasq> StartAsync(params string[] extra)
    {
        var port = FreePort();
        var log = Path.Combine(Path.GetTempPath(), $"sk-dnsmasq-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("dnsmasq") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["--no-daemon", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
            "--cache-size=0", "--local-ttl=60", "--log-queries", $"--log-facility={log}", "--user=root", "--pid-file=",
            "--address=/external.test/192.0.2.7", "--txt-record=long.test," + new string('x', 200), .. extra])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var dnsmasq = new Dnsmasq(process, log, port);
        var dig = new Dig("127.0.0.1", port);
        await Eventually.TrueAsync(async () => (await dig.ShortAsync("external.test")).Contains("192.0.2.7"), "dnsmasq answers");
        return dnsmasq;
    }

    /// <summary>How many queries for <paramref name="name"/> it has been asked.</summary>
    public int QueriesFor(string name)
    {
        if (!File.Exists(_log))
        {
            return 0;
        }
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return text.Split('\n').Count(l => l.Contains("query[", StringComparison.Ordinal) && l.Contains($" {name} from", StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        File.Delete(_log);
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
