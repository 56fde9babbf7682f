using System.Net;
using System.Net.Sockets;

namespace SharpKube.Cli.Bench.Dns.Target;

/// <summary>
/// A loopback port free for both UDP and TCP right now, for a server that takes its port on the command line rather
/// than binding port 0 itself. Another process could take it before the server binds it; the server's start then
/// fails and says so.
/// </summary>
internal static class FreePort
{
    private const int Attempts = 20;

    /// <summary>A port on 127.0.0.1 that a UDP and a TCP socket could both bind.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // The TCP port is taken: try another.
            }
        }

        throw new DnsBenchException($"found no loopback port free for both UDP and TCP in {Attempts} attempts");
    }
}
