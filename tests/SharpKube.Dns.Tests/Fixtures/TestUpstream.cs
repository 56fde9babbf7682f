using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>
/// A tiny upstream resolver written out byte by byte, for behaviour dnsmasq will not show on demand: names under
/// <c>tc.</c> come back truncated over UDP (and whole over TCP), names under <c>nx.</c> are NXDOMAIN with an SOA
/// (TTL 60, minimum 30), anything else is A 192.0.2.99 with TTL 30. It counts the questions it gets per transport.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    /// <summary>Starts on 127.0.0.1 and a free port.</summary>
    public TestUpstream()
    {
        _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _tcp.Bind(EndPoint);
        _tcp.Listen(16);
        _udpLoop = ServeUdpAsync();
        _tcpLoop = ServeTcpAsync();
    }

    /// <summary>Where it listens (UDP and TCP).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Questions received over UDP, by lower-case name.</summary>
    public ConcurrentDictionary<string, int> UdpQueries { get; } = new();

    /// <summary>Questions received over TCP, by lower-case name.</summary>
    public ConcurrentDictionary<string, int> TcpQueries { get; } = new();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Dispose();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var query = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            var name = Name(query);
            UdpQueries.AddOrUpdate(name, 1, (_, n) => n + 1);
            await _udp.SendToAsync(Answer(query, name, tcp: false), received.RemoteEndPoint);
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var connection = await _tcp.AcceptAsync(_stop.Token);
                await using var stream = new NetworkStream(connection);
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                var name = Name(query);
                TcpQueries.AddOrUpdate(name, 1, (_, n) => n + 1);
                var answer = Answer(query, name, tcp: true);
                BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)answer.Length);
                await stream.WriteAsync(prefix, _stop.Token);
                await stream.WriteAsync(answer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private static string Name(byte[] query)
    {
        var labels = new List<string>();
        var position = 12;
        while (query[position] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, position + 1, query[position]).ToLowerInvariant());
            position += query[position] + 1;
        }
        return string.Join('.', labels);
    }

    private static byte[] Answer(byte[] query, string name, bool tcp)
    {
        var questionEnd = 12;
        while (query[questionEnd] != 0)
        {
            questionEnd += query[questionEnd] + 1;
        }
        questionEnd += 5;
        var response = new List<byte>(query[..questionEnd]);
        response[2] = (byte)(0x80 | (query[2] & 0x01));
        response[3] = 0x80;
        response[7] = 0;
        response[11] = 0;
        if (name.StartsWith("tc.", StringComparison.Ordinal) && !tcp)
        {
            response[2] |= 0x02;
        }
        else if (name.StartsWith("nx.", StringComparison.Ordinal))
        {
            response[3] |= 3;
            response[9] = 1;
            // An SOA owned by the question's parent would do; the root keeps the bytes short. TTL 60, minimum 30.
            response.AddRange([0, 0, 6, 0, 1, 0, 0, 0, 60, 0, 22, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 30]);
        }
        else
        {
            response[7] = 1;
            response.AddRange([0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 192, 0, 2, 99]);
        }
        return [.. response];
    }
}
