namespace SharpKube.Proxy.Model;

/// <summary>
/// One port of one Service: what the proxy programs a chain (iptables) or a map element (nftables) for, and what an
/// EndpointSlice port with the same name and protocol fills. <see cref="Port"/> is the port's name (empty for the
/// single unnamed port).
/// </summary>
public sealed record ServicePortName(string Namespace, string Name, string Port, ServiceProtocol Protocol)
{
    /// <summary>The <c>namespace/name</c> of the Service this port belongs to.</summary>
    public string ServiceKey => Namespace + "/" + Name;

    /// <summary><c>namespace/name:port</c>, as in upstream's log lines and rule comments.</summary>
    public override string ToString() => Port.Length == 0 ? ServiceKey : ServiceKey + ":" + Port;
}
