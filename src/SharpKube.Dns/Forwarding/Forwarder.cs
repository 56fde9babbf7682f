using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SharpKube.Dns.Metrics;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Forwarding;

/// <summary>
/// Sends questions outside the zone to the upstream resolvers, in order until one answers: over UDP from a fresh
/// socket (a random source port and ID per question), over TCP when the answer comes back truncated. The number of
/// questions in flight is bounded, so a flood of uncached names cannot pile up sockets and memory.
/// </summary>
internal sealed class Forwarder
{
    private static readonly TimeSpan UdpTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TcpTimeout = TimeSpan.FromSeconds(4);
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly SemaphoreSlim _inFlight;
    private readonly DnsMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>A forwarder to <paramref name="upstreams"/> with at most <paramref name="maxInFlight"/> questions outstanding.</summary>
    public Forwarder(IReadOnlyList<IPEndPoint> upstreams, int maxInFlight, DnsMetrics metrics, ILogger logger)
    {
        _upstreams = upstreams;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The upstreams, in the order they are tried.</summary>
    public IReadOnlyList<IPEndPoint> Upstreams => _upstreams;

    /// <summary>
    /// Asks the upstreams <paramref name="question"/> (name, type and class in wire form), with an OPT record when
    /// <paramref name="ednsFlags"/> says the client sent one. Returns the answer and what was read from it, or null
    /// when no upstream answered (or too many questions are in flight).
    /// </summary>
    public async Task<(byte[] Message, UpstreamResponse Response)?> ForwardAsync(ReadOnlyMemory<byte> question, int ednsFlags, CancellationToken cancellationToken)
    {
        if (_upstreams.Count == 0 || !await _inFlight.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        try
        {
            var id = (ushort)RandomNumberGenerator.GetInt32(0x10000);
            var query = BuildQuery(id, question.Span, ednsFlags);
            foreach (var upstream in _upstreams)
            {
                _metrics.ForwardRequest(upstream);
                try
                {
                    var answer = await AskUdpAsync(upstream, query, id, question, cancellationToken).ConfigureAwait(false);
                    if (answer is { Response.Truncated: true })
                    {
                        answer = await AskTcpAsync(upstream, query, id, question, cancellationToken).ConfigureAwait(false);
                    }
                    if (answer is not null)
                    {
                        return answer;
                    }
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogDebug("Upstream {Upstream} failed: {Error}", upstream, e.Message);
                }
            }
            return null;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private static byte[] BuildQuery(ushort id, ReadOnlySpan<byte> question, int ednsFlags)
    {
        var edns = (ednsFlags & 1) != 0;
        var query = new byte[12 + question.Length + (edns ? 11 : 0)];
        BinaryPrimitives.WriteUInt16BigEndian(query, id);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(2), 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(10), (ushort)(edns ? 1 : 0));
        question.CopyTo(query.AsSpan(12));
        if (edns)
        {
            var opt = query.AsSpan(12 + question.Length);
            BinaryPrimitives.WriteUInt16BigEndian(opt[1..], DnsRecordType.OPT);
            BinaryPrimitives.WriteUInt16BigEndian(opt[3..], DnsQueryParser.MaxUdpPayload);
            BinaryPrimitives.WriteUInt32BigEndian(opt[5..], (ednsFlags & 2) != 0 ? 0x8000u : 0u);
        }
        return query;
    }

    private static async Task<(byte[] Message, UpstreamResponse Response)?> AskUdpAsync(IPEndPoint upstream, byte[] query, ushort id, ReadOnlyMemory<byte> question,
        CancellationToken cancellationToken)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(upstream, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(UdpTimeout);
        var buffer = new byte[65535];
        while (true)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            // Anything that is not the answer to this question (a late or spoofed datagram) is ignored.
            if (UpstreamResponseReader.Read(buffer.AsSpan(0, length), id, question.Span) is { } response)
            {
                return (buffer.AsSpan(0, length).ToArray(), response);
            }
        }
    }

    private static async Task<(byte[] Message, UpstreamResponse Response)?> AskTcpAsync(IPEndPoint upstream, byte[] query, ushort id, ReadOnlyMemory<byte> question,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TcpTimeout);
        using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(upstream, timeout.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, timeout.Token).ConfigureAwait(false);
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, timeout.Token).ConfigureAwait(false);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, timeout.Token).ConfigureAwait(false);
        return UpstreamResponseReader.Read(message, id, question.Span) is { } response ? (message, response) : null;
    }
}
