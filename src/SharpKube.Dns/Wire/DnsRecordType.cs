namespace SharpKube.Dns.Wire;

/// <summary>The resource record types (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 6891) the server reads or writes.</summary>
internal static class DnsRecordType
{
    public const ushort A = 1;
    public const ushort NS = 2;
    public const ushort CNAME = 5;
    public const ushort SOA = 6;
    public const ushort PTR = 12;
    public const ushort MX = 15;
    public const ushort TXT = 16;
    public const ushort AAAA = 28;
    public const ushort SRV = 33;
    public const ushort OPT = 41;
    public const ushort IXFR = 251;
    public const ushort AXFR = 252;
    public const ushort ANY = 255;

    /// <summary>The class IN (RFC 1035 §3.2.4).</summary>
    public const ushort ClassInternet = 1;

    /// <summary>The metric label of a query type, as CoreDNS reports it ("other" for the uncommon ones).</summary>
    public static string MetricName(ushort type) => type switch
    {
        A => "A",
        NS => "NS",
        CNAME => "CNAME",
        SOA => "SOA",
        PTR => "PTR",
        MX => "MX",
        TXT => "TXT",
        AAAA => "AAAA",
        SRV => "SRV",
        IXFR => "IXFR",
        AXFR => "AXFR",
        ANY => "ANY",
        _ => "other",
    };
}
