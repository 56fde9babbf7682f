namespace SharpKube.Proxy.Nftables;

/// <summary>The verdict maps that per-service elements go into (besides the per-protocol <c>*-backends</c> maps).</summary>
internal enum NftablesMap
{
    /// <summary><c>service-ips</c>: <c>ip . proto . port</c> of cluster, external and load-balancer IPs → the service's chain.</summary>
    ServiceIps,

    /// <summary><c>service-nodeports</c>: <c>proto . port</c> on the node's addresses → the service's external chain.</summary>
    ServiceNodePorts,

    /// <summary><c>no-endpoint-services</c>: <c>ip . proto . port</c> without usable endpoints → reject or drop.</summary>
    NoEndpointServices,

    /// <summary><c>no-endpoint-nodeports</c>: node ports without usable endpoints → reject or drop.</summary>
    NoEndpointNodePorts,
}
