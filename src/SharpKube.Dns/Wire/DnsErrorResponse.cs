using System.Buffers.Binary;

namespace SharpKube.Dns.Wire;

/// <summary>Writes the small fixed-shape responses without allocating: errors and truncated (TC) answers.</summary>
internal static class DnsErrorResponse
{
    /// <summary>
    /// An error response to <paramref name="query"/>: the header with <paramref name="rcode"/>, the question when
    /// it was parsed (<paramref name="withQuestion"/>), and an OPT record when the query had one (carrying the upper
    /// bits of an extended rcode such as BADVERS). Returns the length written.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> message, in DnsQuery query, int rcode, bool withQuestion, Span<byte> response)
    {
        var length = Header(message, query, rcode, withQuestion, truncated: false, response);
        if (query.HasEdns || rcode == DnsResponseCode.BadVersion)
        {
            length += WriteOpt(response[length..], rcode);
            BinaryPrimitives.WriteUInt16BigEndian(response[10..], 1);
        }
        return length;
    }

    /// <summary>A truncated answer: the header with TC set and the question, so the client retries over TCP.</summary>
    public static int WriteTruncated(ReadOnlySpan<byte> message, in DnsQuery query, int rcode, Span<byte> response) =>
        Header(message, query, rcode, withQuestion: true, truncated: true, response);

    private static int Header(ReadOnlySpan<byte> message, in DnsQuery query, int rcode, bool withQuestion, bool truncated, Span<byte> response)
    {
        var length = withQuestion ? query.QuestionEnd : 12;
        message[..length].CopyTo(response);
        // QR, the query's opcode and RD, RA; TC when asked; the low four bits of the rcode.
        var flags = (ushort)(0x8000 | (query.Flags & 0x7900) | 0x0080 | (truncated ? 0x0200 : 0) | (rcode & 0xF));
        BinaryPrimitives.WriteUInt16BigEndian(response[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(response[4..], (ushort)(withQuestion ? 1 : 0));
        response.Slice(6, 6).Clear();
        return length;
    }

    private static int WriteOpt(Span<byte> response, int rcode)
    {
        response[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(response[1..], DnsRecordType.OPT);
        BinaryPrimitives.WriteUInt16BigEndian(response[3..], DnsQueryParser.MaxUdpPayload);
        BinaryPrimitives.WriteUInt32BigEndian(response[5..], (uint)((rcode >> 4) << 24));
        BinaryPrimitives.WriteUInt16BigEndian(response[9..], 0);
        return 11;
    }
}
