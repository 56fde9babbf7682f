namespace SharpKube.Proxy.Model;

/// <summary>
/// Everything one sync programs: every Service port the proxy serves and its endpoints, as of one moment. A
/// backend turns it into rules; <see cref="ChangedServices"/> says which Services changed since the previous sync,
/// so a backend can rewrite only their rules.
/// </summary>
public sealed record ProxyState
{
    /// <summary>Every Service port with something to program.</summary>
    public required IReadOnlyDictionary<ServicePortName, ServicePortInfo> Services { get; init; }

    /// <summary>The endpoints of each Service port (missing or empty: no endpoints).</summary>
    public required IReadOnlyDictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Endpoints { get; init; }

    /// <summary>The node's own addresses, where node ports are served.</summary>
    public required IReadOnlyList<System.Net.IPAddress> NodeAddresses { get; init; }

    /// <summary>
    /// The <c>namespace/name</c> of every Service whose ports or endpoints changed since the previous sync, or
    /// <c>null</c> for a full sync (the first one, a periodic resync, and every sync after a failed one).
    /// </summary>
    public IReadOnlySet<string>? ChangedServices { get; init; }
}
