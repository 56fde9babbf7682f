using System.Buffers.Binary;
using System.Diagnostics;
using SharpKube.Dns.Caching;
using SharpKube.Dns.Forwarding;
using SharpKube.Dns.Metrics;
using SharpKube.Dns.Wire;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Server;

/// <summary>
/// Answers one query. The hot path — parse into a stack buffer, find the finished response in the cache, copy and
/// patch it — allocates nothing and runs on the receiving thread; a miss is answered from the zone (and cached), and
/// only a name outside the zone goes to the forwarder, asynchronously.
/// </summary>
internal sealed class DnsRequestHandler
{
    /// <summary>The largest query accepted (larger ones are dropped, or end the TCP connection).</summary>
    public const int MaxQueryLength = 4096;

    /// <summary>What <see cref="Respond"/> returns when the question has to be forwarded.</summary>
    public const int Forward = -1;

    private readonly ClusterZone _zone;
    private readonly ResponseCache _cache;
    private readonly DnsMetrics _metrics;
    private Forwarder? _forwarder;

    /// <summary>A handler answering from <paramref name="zone"/> and <paramref name="cache"/>; the rest is SERVFAIL until <see cref="UseForwarder"/>.</summary>
    public DnsRequestHandler(ClusterZone zone, ResponseCache cache, DnsMetrics metrics)
    {
        _zone = zone;
        _cache = cache;
        _metrics = metrics;
    }

    /// <summary>Sends names outside the zone to <paramref name="forwarder"/> (set once the listeners know their ports).</summary>
    public void UseForwarder(Forwarder forwarder) => _forwarder = forwarder;

    /// <summary>
    /// Writes the response to <paramref name="message"/> into <paramref name="response"/> (65,535 bytes) and returns its
    /// length; 0 to send nothing; <see cref="Forward"/> when it has to be asked upstream (<see cref="ForwardAsync"/>).
    /// </summary>
    public int Respond(ReadOnlySpan<byte> message, Span<byte> response, bool tcp, bool ipv6)
    {
        if (message.Length > MaxQueryLength)
        {
            return 0;
        }
        var start = Stopwatch.GetTimestamp();
        Span<char> name = stackalloc char[DnsNameReader.MaxNameOctets];
        var status = DnsQueryParser.Parse(message, name, out var query);
        if (status == DnsQueryStatus.Drop)
        {
            return 0;
        }
        _metrics.Request(tcp, ipv6, query.Type);
        int length;
        switch (status)
        {
            case DnsQueryStatus.FormatError:
                length = DnsErrorResponse.Write(message, query, DnsResponseCode.FormatError, withQuestion: false, response);
                return Done(DnsResponseCode.FormatError, query.Type, start, length);
            case DnsQueryStatus.NotImplemented:
                length = DnsErrorResponse.Write(message, query, DnsResponseCode.NotImplemented, withQuestion: false, response);
                return Done(DnsResponseCode.NotImplemented, query.Type, start, length);
            case DnsQueryStatus.BadVersion:
                length = DnsErrorResponse.Write(message, query, DnsResponseCode.BadVersion, withQuestion: true, response);
                return Done(DnsResponseCode.BadVersion, query.Type, start, length);
        }
        if (query.Class != DnsRecordType.ClassInternet || query.Type is DnsRecordType.AXFR or DnsRecordType.IXFR)
        {
            // As CoreDNS: classes other than IN (CHAOS and the like) and zone transfers are refused.
            length = DnsErrorResponse.Write(message, query, DnsResponseCode.Refused, withQuestion: true, response);
            return Done(DnsResponseCode.Refused, query.Type, start, length);
        }
        var qname = name[..query.NameLength];
        var cached = _cache.Find(qname, query.Type, query.Class, query.EdnsFlags, Environment.TickCount64);
        if (cached is not null)
        {
            _metrics.CacheHit(cached.Denial);
        }
        else
        {
            _metrics.CacheMiss();
            cached = _zone.Answer(new string(qname), query.Type, query.Class, query.EdnsFlags);
            if (cached is null)
            {
                return Forward;
            }
        }
        length = Serve(cached, message, query, response, tcp);
        return Done(response[3] & 0xF, query.Type, start, length);
    }

    /// <summary>Answers <paramref name="message"/> (a query <see cref="Respond"/> said to forward) from the upstreams.</summary>
    public async Task<byte[]> ForwardAsync(byte[] message, bool tcp, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var name = new char[DnsNameReader.MaxNameOctets];
        DnsQueryParser.Parse(message, name, out var query);
        var question = message.AsMemory(12, query.QuestionEnd - 12);
        var answer = _forwarder is null ? null : await _forwarder.ForwardAsync(question, query.EdnsFlags, cancellationToken).ConfigureAwait(false);
        var response = new byte[65535];
        int length;
        if (answer is not { } upstream)
        {
            length = DnsErrorResponse.Write(message, query, DnsResponseCode.ServerFailure, withQuestion: true, response);
            return Finish(DnsResponseCode.ServerFailure, query.Type, start, response, length);
        }
        var now = Environment.TickCount64;
        var cached = new CachedResponse(query.Type, query.Class, query.EdnsFlags, upstream.Message,
            denial: upstream.Response.Rcode == DnsResponseCode.NameError || BinaryPrimitives.ReadUInt16BigEndian(upstream.Message.AsSpan(6)) == 0,
            upstream.Response.TtlOffsets, now, now + (upstream.Response.CacheSeconds * 1000L));
        if (upstream.Response.CacheSeconds > 0)
        {
            _cache.Store(new string(name, 0, query.NameLength), cached);
        }
        length = Serve(cached, message, query, response, tcp);
        return Finish(response[3] & 0xF, query.Type, start, response, length);
    }

    private byte[] Finish(int rcode, ushort type, long start, byte[] response, int length)
    {
        Done(rcode, type, start, length);
        return response.AsSpan(0, length).ToArray();
    }

    private int Done(int rcode, ushort type, long start, int length)
    {
        _metrics.Response(rcode, type, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return length;
    }

    private static int Serve(CachedResponse cached, ReadOnlySpan<byte> message, in DnsQuery query, Span<byte> response, bool tcp)
    {
        var source = cached.Message;
        var limit = tcp ? 65535 : query.HasEdns ? Math.Clamp((int)query.UdpPayloadSize, 512, MaxQueryLength) : 512;
        if (source.Length > limit)
        {
            return DnsErrorResponse.WriteTruncated(message, query, source[3] & 0xF, response);
        }
        source.CopyTo(response);
        BinaryPrimitives.WriteUInt16BigEndian(response, query.Id);
        // The query's RD and CD bits; the question as the client spelled it (0x20 case randomisation survives).
        response[2] = (byte)((source[2] & 0xFE) | ((query.Flags >> 8) & 0x01));
        response[3] = (byte)((source[3] & 0xEF) | (query.Flags & 0x10));
        message[12..query.QuestionEnd].CopyTo(response[12..]);
        if (cached.TtlOffsets is { } offsets)
        {
            var aged = (uint)((Environment.TickCount64 - cached.StoredAtMs) / 1000);
            foreach (var offset in offsets)
            {
                var ttl = BinaryPrimitives.ReadUInt32BigEndian(source.AsSpan(offset));
                BinaryPrimitives.WriteUInt32BigEndian(response[offset..], ttl > aged ? ttl - aged : 0);
            }
        }
        return source.Length;
    }
}
