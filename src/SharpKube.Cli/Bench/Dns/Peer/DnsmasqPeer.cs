using System.Globalization;
using SharpKube.Cli.Bench.Dns.Target;
using SharpKube.Cli.Bench.Dns.Workload;

namespace SharpKube.Cli.Bench.Dns.Peer;

/// <summary>
/// The peer the cluster DNS is compared with: dnsmasq in the foreground on 127.0.0.1, answering the same zone from a
/// hosts file (and SRV lines, when given), authoritative for the cluster domain (<c>--local</c>: a name it lacks is
/// NXDOMAIN, never forwarded), with the cluster DNS's TTL of 5 s, and no upstream at all.
/// dnsmasq looks through its <c>srv-host</c> lines one by one for every question, A ones too: with 9,000 of them it
/// answered cached A names about three times slower than from the hosts file alone (18,000 against 57,000 q/s here),
/// so the benchmark runs one instance without SRV lines for the A passes and one with them for the mixed pass.
/// </summary>
internal sealed class DnsmasqPeer : IAsyncDisposable
{
    /// <summary>The TTL the cluster DNS gives its records (CoreDNS's kubernetes plugin's default).</summary>
    public const int Ttl = 5;

    private const int TailLines = 20;

    private readonly bool _withSrv;

    private DnsmasqPeer(ChildProcess process, int port, string version, bool withSrv)
    {
        Process = process;
        Port = port;
        Version = version;
        _withSrv = withSrv;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process { get; }

    /// <summary>The UDP and TCP port it answers on.</summary>
    public int Port { get; }

    /// <summary>The version line dnsmasq printed.</summary>
    public string Version { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description => $"{Version} (pid {Process.Id.ToString(CultureInfo.InvariantCulture)}): hosts file{(_withSrv ? " and srv-host lines" : "")}, " +
        $"--local=/{BenchServices.ClusterDomain}/, --local-ttl={Ttl.ToString(CultureInfo.InvariantCulture)}, single-threaded";

    /// <summary>The command-line arguments of dnsmasq serving <paramref name="hostsFile"/> and <paramref name="srvFile"/> (when given) on <paramref name="port"/>.</summary>
    public static IReadOnlyList<string> Arguments(int port, string hostsFile, string? srvFile, int cacheSize) =>
    [
        "--no-daemon", "--keep-in-foreground", "--port=" + port.ToString(CultureInfo.InvariantCulture),
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
        "--addn-hosts=" + hostsFile, "--conf-file=" + (srvFile ?? "/dev/null"), $"--local=/{BenchServices.ClusterDomain}/",
        "--local-ttl=" + Ttl.ToString(CultureInfo.InvariantCulture), "--cache-size=" + cacheSize.ToString(CultureInfo.InvariantCulture),
        // Runs as the invoking user rather than switching to "nobody", so that it can read the files in the output directory.
        "--user=" + Environment.UserName, "--pid-file",
    ];

    /// <summary>
    /// Starts <paramref name="binary"/> on a free port serving <paramref name="zone"/> (written to the files) and
    /// returns once it answers the zone.
    /// </summary>
    public static async Task<DnsmasqPeer> StartAsync(
        string binary, string hostsFile, string? srvFile, IReadOnlyList<ZoneEntry> zone, string workingDir, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var port = FreePort.Next();
        var output = new OutputTail(TailLines, "dnsmasq: started");
        ChildProcess process;
        try
        {
            process = ChildProcess.StartProgram(binary, Arguments(port, hostsFile, srvFile, Math.Max(zone.Count, 150)), workingDir, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DnsBenchException($"cannot run {binary} (Debian package dnsmasq): {e.Message}", e);
        }

        try
        {
            await ZoneCheck.WaitAsync("dnsmasq", port, ZoneCheck.Probes(zone), timeout, process.ExitedWith, cancellationToken);
            return new DnsmasqPeer(process, port, VersionOf(output.Text), srvFile is not null);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    // "dnsmasq: started, version 2.90 cachesize 10000"
    private static string VersionOf(string output)
    {
        const string Marker = "version ";
        var at = output.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "dnsmasq";
        }

        var start = at + Marker.Length;
        var end = output.IndexOf(' ', start);
        return "dnsmasq " + (end < 0 ? output[start..] : output[start..end]);
    }
}
