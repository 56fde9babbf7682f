namespace SharpKube.Cli.Bench.Dns.Results;

/// <summary>
/// CoreDNS's published sizing, which the cluster DNS is held to: about 33,700 queries/s per 2-vCPU instance and
/// 49 MB plus 0.86 KB per Service or EndpointSlice object; and the project's targets.
/// </summary>
/// <param name="CoreDnsQps">CoreDNS's queries/s on 2 vCPUs.</param>
/// <param name="CoreDnsRssBytes">CoreDNS's memory for this run's objects by its formula.</param>
/// <param name="TargetQps">The cluster DNS's target for cached in-cluster names on this 2-core machine.</param>
/// <param name="TargetRssBytes">The cluster DNS's memory target at 10,000 Services.</param>
internal sealed record DnsReference(double CoreDnsQps, long CoreDnsRssBytes, double TargetQps, long TargetRssBytes)
{
    /// <summary>The reference for a zone of <paramref name="objects"/> Services and EndpointSlices.</summary>
    public static DnsReference For(int objects) =>
        new(33_700, (49L * 1024 * 1024) + (long)(objects * 0.86 * 1024), 50_000, 80L * 1024 * 1024);
}
