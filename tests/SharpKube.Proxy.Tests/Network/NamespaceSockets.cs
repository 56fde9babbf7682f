using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>
/// Sockets that live in a named network namespace: created on a thread that briefly enters the namespace with
/// <c>setns(2)</c>, they keep it for life, so one test process can be a client, a server and the pods between.
/// </summary>
public static partial class NamespaceSockets
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>A new socket in the namespace <paramref name="ns"/> (as named by <c>ip netns</c>).</summary>
    public static Task<Socket> CreateAsync(string ns, SocketType type, ProtocolType protocol)
    {
        var created = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle("/run/netns/" + ns);
                Enter(target);
                try
                {
                    created.SetResult(new Socket(AddressFamily.InterNetwork, type, protocol));
                }
                finally
                {
                    Enter(own);
                }
            }
            catch (Exception e)
            {
                created.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "netns " + ns };
        thread.Start();
        return created.Task;
    }

    /// <summary>Connects from <paramref name="ns"/> to <paramref name="ip"/>:<paramref name="port"/> over TCP and returns all it sends, trimmed.</summary>
    /// <exception cref="SocketException">Refused (<see cref="SocketError.ConnectionRefused"/>) or unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public static async Task<string> TcpRequestAsync(string ns, IPAddress ip, int port, TimeSpan timeout)
    {
        using var socket = await CreateAsync(ns, SocketType.Stream, ProtocolType.Tcp).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(ip, port), deadline.Token).ConfigureAwait(false);
            var reply = new StringBuilder();
            var buffer = new byte[256];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false)) > 0)
            {
                reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
            return reply.ToString().Trim();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"TCP {ip}:{port} from {ns}: no answer within {timeout}");
        }
    }

    /// <summary>
    /// Sends one UDP datagram from <paramref name="ns"/> (from <paramref name="sourcePort"/> when not 0, so repeated
    /// requests are one conntrack flow) and returns the answer, trimmed.
    /// </summary>
    /// <exception cref="SocketException">Refused: an ICMP port unreachable came back.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public static async Task<string> UdpRequestAsync(string ns, IPAddress ip, int port, TimeSpan timeout, int sourcePort = 0)
    {
        using var socket = await CreateAsync(ns, SocketType.Dgram, ProtocolType.Udp).ConfigureAwait(false);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Any, sourcePort));
        // Connected, so an ICMP port unreachable surfaces as ConnectionRefused on receive.
        socket.Connect(new IPEndPoint(ip, port));
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.SendAsync("ping"u8.ToArray(), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return Encoding.UTF8.GetString(buffer, 0, read).Trim();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"UDP {ip}:{port} from {ns}: no answer within {timeout}");
        }
    }

    private static void Enter(SafeFileHandle ns)
    {
        if (SetNs(ns, CloneNewNet) != 0)
        {
            throw new IOException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(SafeFileHandle fd, int nstype);
}
