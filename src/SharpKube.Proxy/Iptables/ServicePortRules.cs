namespace SharpKube.Proxy.Iptables;

/// <summary>
/// The iptables-restore text of one Service port, in the pieces a restore assembles: its own chains (declarations
/// and rules, written only when the Service changed) and its lines in the shared chains (rewritten every sync).
/// </summary>
internal sealed record ServicePortRules
{
    /// <summary>The nat chains this Service port owns (KUBE-SVC/SVL/EXT/SEP).</summary>
    public required IReadOnlyList<string> NatChains { get; init; }

    /// <summary>The rules of <see cref="NatChains"/>.</summary>
    public required string NatChainRules { get; init; }

    /// <summary>Its lines in nat KUBE-SERVICES (cluster, external and load-balancer IPs).</summary>
    public required string NatServices { get; init; }

    /// <summary>Its lines in nat KUBE-NODEPORTS.</summary>
    public required string NatNodePorts { get; init; }

    /// <summary>Its lines in filter KUBE-SERVICES (cluster IPs without endpoints).</summary>
    public required string FilterServices { get; init; }

    /// <summary>Its lines in filter KUBE-EXTERNAL-SERVICES (node ports and external IPs without endpoints).</summary>
    public required string FilterExternalServices { get; init; }

    /// <summary>Its lines in filter KUBE-NODEPORTS (health check node port).</summary>
    public required string FilterNodePorts { get; init; }

    /// <summary>Whether its lines in the top-level chains are those of <paramref name="other"/>.</summary>
    public bool SameSharedLines(ServicePortRules other) =>
        other is not null && NatServices == other.NatServices && NatNodePorts == other.NatNodePorts && FilterServices == other.FilterServices
        && FilterExternalServices == other.FilterExternalServices && FilterNodePorts == other.FilterNodePorts;
}
