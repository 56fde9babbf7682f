using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>
/// A made-up cluster for the backend measurement: <c>count</c> TCP services on cluster IPs from 10.96.0.0/12, every
/// tenth a NodePort, each with <c>endpoints</c> ready endpoints on pod addresses from 10.244.0.0/14.
/// </summary>
internal static class SyntheticServices
{
    /// <summary>The node address node ports are served on.</summary>
    public static readonly IPAddress NodeAddress = IPAddress.Parse("192.0.2.10");

    /// <summary>The state of a full sync of <paramref name="count"/> services.</summary>
    public static ProxyState Create(int count, int endpoints)
    {
        var services = new Dictionary<ServicePortName, ServicePortInfo>(count);
        var byService = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(count);
        for (var i = 0; i < count; i++)
        {
            var name = NameOf(i);
            services[name] = new ServicePortInfo
            {
                Name = name,
                ClusterIPs = [Address(0x0A60_0000, i + 1)],
                Port = 80,
                NodePort = i % 10 == 0 ? 30000 + (i / 10 % 2768) : 0,
            };
            byService[name] = Endpoints(i, endpoints, generation: 0);
        }
        return new ProxyState { Services = services, Endpoints = byService, NodeAddresses = [NodeAddress] };
    }

    /// <summary>
    /// <paramref name="state"/> with service <paramref name="index"/>'s endpoints moved to new addresses (as when its
    /// pods are replaced), marked as the only change.
    /// </summary>
    public static ProxyState WithEndpointsReplaced(ProxyState state, int index, int generation)
    {
        var name = NameOf(index);
        var endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(state.Endpoints)
        {
            [name] = Endpoints(index, state.Endpoints[name].Count, generation),
        };
        return state with { Endpoints = endpoints, ChangedServices = new HashSet<string> { name.ServiceKey } };
    }

    /// <summary>The port of service <paramref name="index"/>.</summary>
    public static ServicePortName NameOf(int index) =>
        new("bench-" + (index % 20).ToString(System.Globalization.CultureInfo.InvariantCulture), "svc-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), "http", ServiceProtocol.Tcp);

    private static List<EndpointInfo> Endpoints(int service, int count, int generation)
    {
        var list = new List<EndpointInfo>(count);
        for (var e = 0; e < count; e++)
        {
            // Each generation of a service's pods gets addresses no earlier generation had.
            list.Add(new EndpointInfo(Address(0x0AF4_0000, ((service * count) + e + (generation * 7919)) % 0x3_FFFE + 1), 8080, true, true, false, false));
        }
        return list;
    }

    private static IPAddress Address(uint network, int offset)
    {
        var value = network + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
