namespace SharpKube.Cli.Bench.Dns.Workload;

/// <summary>One in-cluster name both servers answer.</summary>
/// <param name="Name">The Service's name in the zone, <c>svc.ns.svc.cluster.local</c> (no trailing dot).</param>
/// <param name="Address">The one A record: the cluster IP, or the one endpoint's address of a headless Service.</param>
/// <param name="Headless">Whether the Service is headless (its A record comes from its EndpointSlice).</param>
internal sealed record ZoneEntry(string Name, string Address, bool Headless)
{
    /// <summary>The SRV name of the Service's named port, <c>_http._tcp.svc.ns.svc.cluster.local</c>.</summary>
    public string SrvName => $"_{BenchServices.PortName}._tcp.{Name}";
}
