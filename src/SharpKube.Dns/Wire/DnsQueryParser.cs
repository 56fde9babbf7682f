using System.Buffers.Binary;

namespace SharpKube.Dns.Wire;

/// <summary>Parses a received message as a query, without allocating, and says how to treat it.</summary>
internal static class DnsQueryParser
{
    /// <summary>The EDNS payload size the server advertises and accepts at most over UDP.</summary>
    public const ushort MaxUdpPayload = 1232;

    /// <summary>
    /// Parses <paramref name="message"/>; the question name goes into <paramref name="name"/> (at least 255
    /// characters). The header fields of <paramref name="query"/> are set whenever the status is not Drop.
    /// </summary>
    public static DnsQueryStatus Parse(ReadOnlySpan<byte> message, Span<char> name, out DnsQuery query)
    {
        query = default;
        if (message.Length < 12)
        {
            return DnsQueryStatus.Drop;
        }
        query.Id = BinaryPrimitives.ReadUInt16BigEndian(message);
        query.Flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        query.UdpPayloadSize = 512;
        if ((query.Flags & 0x8000) != 0)
        {
            return DnsQueryStatus.Drop;
        }
        if (query.Opcode != 0)
        {
            return DnsQueryStatus.NotImplemented;
        }
        var qdcount = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var ancount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var nscount = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        var arcount = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        if (qdcount != 1 || ancount != 0 || nscount != 0)
        {
            return DnsQueryStatus.FormatError;
        }
        if (!DnsNameReader.TryRead(message, 12, name, out query.NameLength, out var position) || position + 4 > message.Length)
        {
            return DnsQueryStatus.FormatError;
        }
        query.Type = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
        query.Class = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]);
        position += 4;
        query.QuestionEnd = position;
        for (var i = 0; i < arcount; i++)
        {
            var nameStart = position;
            position = DnsNameReader.Skip(message, position);
            if (position < 0 || position + 10 > message.Length)
            {
                return DnsQueryStatus.FormatError;
            }
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            var rclass = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(position + 4)..]);
            var rdlength = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 8)..]);
            position += 10 + rdlength;
            if (position > message.Length)
            {
                return DnsQueryStatus.FormatError;
            }
            if (type != DnsRecordType.OPT)
            {
                continue;
            }
            // RFC 6891 §6.1.1: one OPT, owned by the root.
            if (query.HasEdns || message[nameStart] != 0)
            {
                return DnsQueryStatus.FormatError;
            }
            query.HasEdns = true;
            query.UdpPayloadSize = Math.Max((ushort)512, rclass);
            query.DnssecOk = (ttl & 0x8000) != 0;
            if (((ttl >> 16) & 0xFF) != 0)
            {
                return DnsQueryStatus.BadVersion;
            }
        }
        return DnsQueryStatus.Ok;
    }
}
