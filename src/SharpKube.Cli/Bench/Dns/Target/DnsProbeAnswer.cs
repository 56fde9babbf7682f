namespace SharpKube.Cli.Bench.Dns.Target;

/// <summary>What a server answered to one A question.</summary>
/// <param name="ResponseCode">The RCODE (0 NOERROR, 3 NXDOMAIN, 5 REFUSED, …).</param>
/// <param name="Addresses">The A records of the answer section.</param>
internal sealed record DnsProbeAnswer(int ResponseCode, IReadOnlyList<string> Addresses);
