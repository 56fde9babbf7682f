using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>Hand-built DNS messages and a bare UDP exchange, for what dig will not send.</summary>
public static class RawDns
{
    /// <summary>A query for <paramref name="name"/>, optionally with an OPT record of the given EDNS version and DO bit.</summary>
    public static byte[] Query(string name, ushort type = 1, ushort qclass = 1, ushort id = 0x1234, ushort flags = 0x0100,
        (byte Version, bool DnssecOk, ushort Size)? edns = null, ushort? qdcount = null)
    {
        var bytes = new List<byte>();
        bytes.AddRange(U16(id));
        bytes.AddRange(U16(flags));
        bytes.AddRange(U16(qdcount ?? 1));
        bytes.AddRange(U16(0));
        bytes.AddRange(U16(0));
        bytes.AddRange(U16((ushort)(edns is null ? 0 : 1)));
        bytes.AddRange(Name(name));
        bytes.AddRange(U16(type));
        bytes.AddRange(U16(qclass));
        if (edns is { } opt)
        {
            bytes.Add(0);
            bytes.AddRange(U16(41));
            bytes.AddRange(U16(opt.Size));
            bytes.AddRange([0, opt.Version, (byte)(opt.DnssecOk ? 0x80 : 0), 0]);
            bytes.AddRange(U16(0));
        }
        return [.. bytes];
    }

    /// <summary>A name in wire form.</summary>
    public static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>Big-endian 16 bits.</summary>
    public static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Sends <paramref name="query"/> over UDP and returns the answer, or null when none comes within <paramref name="wait"/>.</summary>
    public static async Task<byte[]?> ExchangeAsync(IPEndPoint server, byte[] query, TimeSpan? wait = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server);
        await socket.SendAsync(query, SocketFlags.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(wait ?? TimeSpan.FromSeconds(3));
        var buffer = new byte[65536];
        try
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return buffer[..n];
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The rcode of a response (header bits only).</summary>
    public static int Rcode(byte[] response) => response[3] & 0xF;

    /// <summary>A section count of a response: 0 question, 1 answer, 2 authority, 3 additional.</summary>
    public static int Count(byte[] response, int section) => BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4 + (2 * section)));
}
