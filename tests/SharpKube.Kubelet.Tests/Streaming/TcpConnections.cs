using System.Globalization;

namespace SharpKube.Kubelet.Tests.Streaming;

/// <summary>Counts established TCP connections on the machine from /proc/net/tcp and tcp6, by port.</summary>
public static class TcpConnections
{
    private const string Established = "01";

    /// <summary>Established connections with <paramref name="port"/> at either end (a loopback connection counts at both its ends).</summary>
    public static int WithPort(int port) => Lines().Count(fields => fields[3] == Established && (Port(fields[1]) == port || Port(fields[2]) == port));

    private static IEnumerable<string[]> Lines() =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
