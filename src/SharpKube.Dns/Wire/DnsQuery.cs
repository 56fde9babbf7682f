namespace SharpKube.Dns.Wire;

/// <summary>
/// The parts of a received query the server acts on. The question name itself is written, lower-cased, into the
/// caller's buffer (<see cref="NameLength"/> characters); the raw question bytes are <c>[12, QuestionEnd)</c>.
/// </summary>
internal struct DnsQuery
{
    /// <summary>The query ID.</summary>
    public ushort Id;

    /// <summary>The second 16 bits of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode).</summary>
    public ushort Flags;

    /// <summary>Characters of the dotted, lower-cased name written to the name buffer (no trailing dot; root is 0).</summary>
    public int NameLength;

    /// <summary>The offset just past the question's type and class.</summary>
    public int QuestionEnd;

    /// <summary>The question type.</summary>
    public ushort Type;

    /// <summary>The question class.</summary>
    public ushort Class;

    /// <summary>Whether the query carried an OPT record.</summary>
    public bool HasEdns;

    /// <summary>The DO bit of the OPT record.</summary>
    public bool DnssecOk;

    /// <summary>The requester's UDP payload size (at least 512).</summary>
    public ushort UdpPayloadSize;

    /// <summary>The opcode.</summary>
    public readonly int Opcode => (Flags >> 11) & 0xF;

    /// <summary>Whether recursion was desired.</summary>
    public readonly bool RecursionDesired => (Flags & 0x0100) != 0;

    /// <summary>The cache-key flags: bit 0 EDNS present, bit 1 DO.</summary>
    public readonly int EdnsFlags => (HasEdns ? 1 : 0) | (DnssecOk ? 2 : 0);
}
