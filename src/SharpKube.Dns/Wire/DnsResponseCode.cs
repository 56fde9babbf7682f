namespace SharpKube.Dns.Wire;

/// <summary>Response codes (RFC 1035 §4.1.1, RFC 6891 §9 for BADVERS) and their metric labels.</summary>
internal static class DnsResponseCode
{
    public const int NoError = 0;
    public const int FormatError = 1;
    public const int ServerFailure = 2;
    public const int NameError = 3;
    public const int NotImplemented = 4;
    public const int Refused = 5;
    public const int BadVersion = 16;

    /// <summary>The rcode label CoreDNS uses in <c>coredns_dns_responses_total</c>.</summary>
    public static string MetricName(int rcode) => rcode switch
    {
        NoError => "NOERROR",
        FormatError => "FORMERR",
        ServerFailure => "SERVFAIL",
        NameError => "NXDOMAIN",
        NotImplemented => "NOTIMP",
        Refused => "REFUSED",
        BadVersion => "BADVERS",
        _ => "RCODE" + rcode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
