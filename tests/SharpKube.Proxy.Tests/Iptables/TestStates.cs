using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Iptables;

/// <summary>Builds proxy states by hand, the way the change tracker would from Services and EndpointSlices.</summary>
internal static class TestStates
{
    public static ServicePortInfo Service(string name, string clusterIP, int port = 80, ServiceProtocol protocol = ServiceProtocol.Tcp,
        string ns = "default", string portName = "") => new()
        {
            Name = new ServicePortName(ns, name, portName, protocol),
            ClusterIPs = [IPAddress.Parse(clusterIP)],
            Port = port,
        };

    public static EndpointInfo Ready(IPAddress address, int port = 8080, bool local = true) => new(address, port, true, true, false, local);

    public static EndpointInfo Terminating(IPAddress address, int port = 8080, bool local = true) => new(address, port, false, true, true, local);

    public static ProxyState State(IEnumerable<(ServicePortInfo Service, IEnumerable<EndpointInfo> Endpoints)> services,
        IReadOnlyList<IPAddress>? nodeAddresses = null, IReadOnlySet<string>? changed = null)
    {
        var list = services.ToList();
        return new ProxyState
        {
            Services = list.ToDictionary(s => s.Service.Name, s => s.Service),
            Endpoints = list.ToDictionary(s => s.Service.Name, s => (IReadOnlyList<EndpointInfo>)s.Endpoints.ToList()),
            NodeAddresses = nodeAddresses ?? [IPAddress.Parse("192.168.100.1")],
            ChangedServices = changed,
        };
    }

    public static ProxyState State(ServicePortInfo service, IEnumerable<EndpointInfo> endpoints, IReadOnlySet<string>? changed = null) =>
        State([(service, endpoints)], changed: changed);
}
