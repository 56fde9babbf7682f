using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Routing;

/// <summary>
/// Which endpoints of one Service port receive which traffic, by upstream's rules: ready endpoints, or — when none is
/// ready — serving-and-terminating ones; only this node's for a <c>Local</c> traffic policy.
/// </summary>
/// <param name="Internal">Where cluster-IP traffic goes (this node's only with <c>internalTrafficPolicy: Local</c>).</param>
/// <param name="External">Where node-port, external-IP and load-balancer traffic goes (this node's only with <c>externalTrafficPolicy: Local</c>).</param>
/// <param name="Cluster">The usable endpoints of the whole cluster.</param>
/// <param name="Local">The usable endpoints on this node.</param>
/// <param name="HasAny">Whether the Service port has any usable endpoint at all: if not, its traffic is rejected, else traffic without a usable endpoint for its policy is dropped.</param>
public sealed record ServiceEndpoints(
    IReadOnlyList<EndpointInfo> Internal,
    IReadOnlyList<EndpointInfo> External,
    IReadOnlyList<EndpointInfo> Cluster,
    IReadOnlyList<EndpointInfo> Local,
    bool HasAny)
{
    /// <summary>Every endpoint some traffic goes to, once each (those that get an endpoint chain).</summary>
    public IEnumerable<EndpointInfo> Used => Internal.Concat(External).Distinct();

    /// <summary>Categorizes <paramref name="endpoints"/> for <paramref name="service"/>.</summary>
    public static ServiceEndpoints Of(ServicePortInfo service, IReadOnlyList<EndpointInfo>? endpoints)
    {
        ArgumentNullException.ThrowIfNull(service);
        endpoints ??= [];
        var cluster = Usable(endpoints);
        var local = Usable(endpoints.Where(e => e.IsLocal).ToList());
        return new ServiceEndpoints(
            service.InternalPolicyLocal ? local : cluster,
            service.ExternalPolicyLocal ? local : cluster,
            cluster,
            local,
            cluster.Count > 0 || local.Count > 0);
    }

    private static IReadOnlyList<EndpointInfo> Usable(IReadOnlyList<EndpointInfo> endpoints)
    {
        var ready = endpoints.Where(e => e.Ready).ToList();
        return ready.Count > 0 ? ready : endpoints.Where(e => e.Serving && e.Terminating).ToList();
    }
}
