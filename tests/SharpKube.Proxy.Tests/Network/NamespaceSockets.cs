using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>
/// Creates sockets inside a named network namespace (<c>/run/netns/NAME</c>): a short-lived thread enters the
/// namespace with <c>setns</c> and creates the socket, which stays in that namespace whichever thread uses it later.
/// So the fixture's servers and clients run in this process, with no helper programs.
/// </summary>
internal static class NamespaceSockets
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>A new socket in <paramref name="networkNamespace"/>.</summary>
    public static Socket Create(string networkNamespace, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle("/run/netns/" + networkNamespace);
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {networkNamespace} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(AddressFamily.InterNetwork, type, protocol);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException("could not create a socket in " + networkNamespace, failure);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
#pragma warning restore SYSLIB1054
}
