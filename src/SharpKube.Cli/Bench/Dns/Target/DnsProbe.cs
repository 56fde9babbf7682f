using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Cli.Bench.Dns.Target;

/// <summary>
/// One DNS question over UDP and the A records of its answer: how the benchmark checks that a server is up and
/// answers the zone as written before dnsperf measures it.
/// </summary>
internal static class DnsProbe
{
    private const ushort TypeA = 1;
    private const ushort ClassIn = 1;
    private const int HeaderLength = 12;

    /// <summary>
    /// Asks 127.0.0.1:<paramref name="port"/> for the A records of <paramref name="name"/>; returns the response code and
    /// the addresses, or null when no answer came within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<DnsProbeAnswer?> QueryAsync(int port, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var id = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        await socket.SendAsync(Query(id, name), SocketFlags.None, cancellationToken);
        var buffer = new byte[4096];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (received >= HeaderLength && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id)
                {
                    return Parse(buffer.AsSpan(0, received));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            // Nothing listens yet (ICMP port unreachable).
            return null;
        }
    }

    /// <summary>A standard query with one question, <paramref name="name"/> IN A, recursion not desired.</summary>
    public static byte[] Query(ushort id, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var message = new List<byte>(HeaderLength + name.Length + 6);
        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 1);
        message.AddRange(header);
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new ArgumentException($"'{name}' is not a DNS name", nameof(name));
            }

            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }

        message.Add(0);
        message.AddRange([(byte)(TypeA >> 8), (byte)TypeA, (byte)(ClassIn >> 8), (byte)ClassIn]);
        return [.. message];
    }

    /// <summary>
    /// The response code and the A records of the answer section of <paramref name="response"/>; throws
    /// <see cref="InvalidDataException"/> when the message ends before its sections do.
    /// </summary>
    public static DnsProbeAnswer Parse(ReadOnlySpan<byte> response)
    {
        try
        {
            return ParseSections(response);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"a DNS response of {response.Length} bytes ends before its sections do", e);
        }
    }

    private static DnsProbeAnswer ParseSections(ReadOnlySpan<byte> response)
    {
        if (response.Length < HeaderLength)
        {
            throw new InvalidDataException("a DNS response shorter than its header");
        }

        var rcode = response[3] & 0x0F;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(response[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(response[6..]);
        var offset = HeaderLength;
        for (var i = 0; i < questions; i++)
        {
            offset = SkipName(response, offset) + 4;
        }

        var addresses = new List<string>();
        for (var i = 0; i < answers; i++)
        {
            offset = SkipName(response, offset);
            var type = BinaryPrimitives.ReadUInt16BigEndian(response[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(response[(offset + 8)..]);
            offset += 10;
            if (type == TypeA && length == 4)
            {
                addresses.Add(new IPAddress(response.Slice(offset, 4)).ToString());
            }

            offset += length;
        }

        return new DnsProbeAnswer(rcode, addresses);
    }

    private static int SkipName(ReadOnlySpan<byte> message, int offset)
    {
        while (true)
        {
            var length = message[offset];
            if (length == 0)
            {
                return offset + 1;
            }

            if ((length & 0xC0) == 0xC0)
            {
                // A compression pointer ends the name.
                return offset + 2;
            }

            offset += length + 1;
        }
    }
}
