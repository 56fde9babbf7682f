using System.Net;

namespace SharpKube.Proxy.Model;

/// <summary>
/// What the proxy needs of one Service port, read once from the Service when it changes. Headless services
/// (<c>clusterIP: None</c>) and ExternalName services have no entry: the proxy has nothing to do for them.
/// </summary>
public sealed record ServicePortInfo
{
    /// <summary>Which port of which Service this is.</summary>
    public required ServicePortName Name { get; init; }

    /// <summary>The Service's cluster IPs of this proxy's IP family (<c>spec.clusterIPs</c>).</summary>
    public required IReadOnlyList<IPAddress> ClusterIPs { get; init; }

    /// <summary>The service port (<c>spec.ports[].port</c>).</summary>
    public required int Port { get; init; }

    /// <summary>The allocated node port, or 0 when the Service has none.</summary>
    public int NodePort { get; init; }

    /// <summary><c>spec.externalIPs</c> of this proxy's IP family.</summary>
    public IReadOnlyList<IPAddress> ExternalIPs { get; init; } = [];

    /// <summary>The load-balancer ingress IPs (<c>status.loadBalancer.ingress[].ip</c>) of a LoadBalancer Service.</summary>
    public IReadOnlyList<IPAddress> LoadBalancerIPs { get; init; } = [];

    /// <summary><c>sessionAffinity: ClientIP</c>'s timeout in seconds, or 0 without session affinity.</summary>
    public int StickySeconds { get; init; }

    /// <summary><c>externalTrafficPolicy: Local</c> (for a NodePort or LoadBalancer Service): external traffic goes only to this node's endpoints, and keeps its source address.</summary>
    public bool ExternalPolicyLocal { get; init; }

    /// <summary><c>internalTrafficPolicy: Local</c>: cluster-IP traffic goes only to this node's endpoints.</summary>
    public bool InternalPolicyLocal { get; init; }

    /// <summary><c>spec.healthCheckNodePort</c>, or 0.</summary>
    public int HealthCheckNodePort { get; init; }
}
