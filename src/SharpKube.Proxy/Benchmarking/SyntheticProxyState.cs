using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Benchmarking;

/// <summary>
/// Generated proxy states for measuring syncs without an API server (<c>sharpkube bench proxy</c>): N ClusterIP TCP
/// Services in 10.43.0.0/16, each with M ready endpoints in 10.42.0.0/16, every tenth also a NodePort.
/// </summary>
public static class SyntheticProxyState
{
    /// <summary>A full-sync state of <paramref name="services"/> Services with <paramref name="endpointsPerService"/> endpoints each.</summary>
    public static ProxyState Create(int services, int endpointsPerService)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(services);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(services, 60000);
        var ports = new Dictionary<ServicePortName, ServicePortInfo>(services);
        var endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(services);
        var pod = 0;
        for (var i = 0; i < services; i++)
        {
            var name = new ServicePortName("bench", $"svc-{i}", "http", ServiceProtocol.Tcp);
            ports[name] = new ServicePortInfo
            {
                Name = name,
                ClusterIPs = [new IPAddress(new byte[] { 10, 43, (byte)((i + 10) >> 8), (byte)((i + 10) & 255) })],
                Port = 80,
                NodePort = i % 10 == 0 ? 30000 + (i / 10 % 2700) : 0,
            };
            var list = new EndpointInfo[endpointsPerService];
            for (var e = 0; e < endpointsPerService; e++, pod++)
            {
                list[e] = new EndpointInfo(new IPAddress(new byte[] { 10, 42, (byte)(pod >> 8 & 255), (byte)(pod & 255) }), 8080, true, true, false, e == 0);
            }
            endpoints[name] = list;
        }
        return new ProxyState { Services = ports, Endpoints = endpoints, NodeAddresses = [IPAddress.Parse("192.168.100.1")] };
    }

    /// <summary>
    /// <paramref name="state"/> after one endpoint of Service <paramref name="index"/> was replaced (by a pod with a new
    /// address), as an incremental sync sees it.
    /// </summary>
    public static ProxyState WithEndpointReplaced(ProxyState state, int index, int generation)
    {
        ArgumentNullException.ThrowIfNull(state);
        var name = new ServicePortName("bench", $"svc-{index}", "http", ServiceProtocol.Tcp);
        var endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(state.Endpoints);
        var list = endpoints[name].ToArray();
        list[0] = list[0] with { Address = new IPAddress(new byte[] { 10, 42, 255, (byte)(generation % 250) }) };
        endpoints[name] = list;
        return state with { Endpoints = endpoints, ChangedServices = new HashSet<string> { name.ServiceKey } };
    }
}
