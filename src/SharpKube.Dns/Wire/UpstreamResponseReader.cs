using System.Buffers.Binary;

namespace SharpKube.Dns.Wire;

/// <summary>
/// Checks that an upstream message answers the question asked, and reads what caching it needs: the TTL offsets,
/// the positive TTL (the smallest answer TTL) or the negative one (RFC 2308 §5: the SOA's TTL capped by its minimum).
/// </summary>
internal static class UpstreamResponseReader
{
    /// <summary>The longest a positive answer is cached (CoreDNS's cache default).</summary>
    public const uint MaxPositiveSeconds = 3600;

    /// <summary>The longest a negative answer is cached (CoreDNS's cache default).</summary>
    public const uint MaxNegativeSeconds = 1800;

    /// <summary>
    /// Reads <paramref name="message"/> as the answer to <paramref name="question"/> (the question bytes as sent,
    /// name through class) with <paramref name="id"/>; null when it is not.
    /// </summary>
    public static UpstreamResponse? Read(ReadOnlySpan<byte> message, ushort id, ReadOnlySpan<byte> question)
    {
        if (message.Length < 12 + question.Length || BinaryPrimitives.ReadUInt16BigEndian(message) != id || (message[2] & 0x80) == 0
            || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) != 1 || !EqualsIgnoreCase(message.Slice(12, question.Length), question))
        {
            return null;
        }
        var rcode = message[3] & 0xF;
        var truncated = (message[2] & 0x02) != 0;
        var ancount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var nscount = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        var arcount = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        var position = 12 + question.Length;
        var offsets = new List<int>(ancount + nscount + arcount);
        var minAnswer = uint.MaxValue;
        var negative = uint.MaxValue;
        for (var i = 0; i < ancount + nscount + arcount; i++)
        {
            position = DnsNameReader.Skip(message, position);
            if (position < 0 || position + 10 > message.Length)
            {
                return truncated ? new UpstreamResponse(rcode, true, [], 0) : null;
            }
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(position + 4)..]);
            var rdlength = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 8)..]);
            if (position + 10 + rdlength > message.Length)
            {
                return truncated ? new UpstreamResponse(rcode, true, [], 0) : null;
            }
            if (type != DnsRecordType.OPT)
            {
                offsets.Add(position + 4);
            }
            if (i < ancount)
            {
                minAnswer = Math.Min(minAnswer, ttl);
            }
            else if (i < ancount + nscount && type == DnsRecordType.SOA && rdlength >= 22)
            {
                var minimum = BinaryPrimitives.ReadUInt32BigEndian(message[(position + 10 + rdlength - 4)..]);
                negative = Math.Min(negative, Math.Min(ttl, minimum));
            }
            position += 10 + rdlength;
        }
        uint cacheSeconds = 0;
        if (!truncated && rcode == DnsResponseCode.NoError && ancount > 0)
        {
            cacheSeconds = Math.Min(minAnswer, MaxPositiveSeconds);
        }
        else if (!truncated && (rcode == DnsResponseCode.NameError || (rcode == DnsResponseCode.NoError && ancount == 0)) && negative != uint.MaxValue)
        {
            cacheSeconds = Math.Min(negative, MaxNegativeSeconds);
        }
        return new UpstreamResponse(rcode, truncated, [.. offsets], cacheSeconds);
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && (a[i] | 0x20) != (b[i] | 0x20))
            {
                return false;
            }
        }
        return true;
    }
}
