namespace SharpKube.Cli.Bench.Dns;

/// <summary>The run's two dnsperf input files.</summary>
/// <param name="Cached">A queries of the sample names.</param>
/// <param name="Mixed">A, SRV and NXDOMAIN queries over the same names.</param>
internal sealed record DnsQueryFiles(string Cached, string Mixed);
