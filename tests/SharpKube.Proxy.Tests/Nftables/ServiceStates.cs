using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Builds <see cref="ProxyState"/>s for the nftables tests: services and their endpoints, by hand.</summary>
internal sealed class ServiceStates
{
    private readonly Dictionary<ServicePortName, ServicePortInfo> _services = [];
    private readonly Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> _endpoints = [];

    public IReadOnlyList<IPAddress> NodeAddresses { get; init; } = [];

    /// <summary>Adds (or replaces) a service port; returns its name.</summary>
    public ServicePortName Set(ServicePortInfo info, params EndpointInfo[] endpoints)
    {
        _services[info.Name] = info;
        _endpoints[info.Name] = endpoints;
        return info.Name;
    }

    public void Remove(ServicePortName name)
    {
        _services.Remove(name);
        _endpoints.Remove(name);
    }

    public ProxyState Full() => new()
    {
        Services = new Dictionary<ServicePortName, ServicePortInfo>(_services),
        Endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(_endpoints),
        NodeAddresses = NodeAddresses,
    };

    public ProxyState Changed(params string[] serviceKeys) => Full() with { ChangedServices = new HashSet<string>(serviceKeys) };

    public static ServicePortInfo Service(
        string name, string clusterIp, int port, ServiceProtocol protocol = ServiceProtocol.Tcp, string ns = "default") => new()
    {
        Name = new ServicePortName(ns, name, "", protocol),
        ClusterIPs = [IPAddress.Parse(clusterIp)],
        Port = port,
    };

    public static EndpointInfo Ready(IPAddress address, int port, bool local = true) => new(address, port, true, true, false, local);

    public static EndpointInfo Terminating(IPAddress address, int port, bool local = true) => new(address, port, false, true, true, local);
}
