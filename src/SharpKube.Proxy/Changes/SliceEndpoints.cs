using System.Net;
using k8s.Models;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Changes;

/// <summary>Merges a Service's EndpointSlices into the endpoints of each of its ports.</summary>
public static class SliceEndpoints
{
    /// <summary>The label naming the Service an EndpointSlice belongs to.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The endpoints of each port of the Service <paramref name="ns"/>/<paramref name="serviceName"/>, from <paramref name="slices"/>.</summary>
    /// <param name="ns">The Service's namespace.</param>
    /// <param name="serviceName">The Service's name.</param>
    /// <param name="slices">Its EndpointSlices.</param>
    /// <param name="nodeName">This node: endpoints on it are local.</param>
    public static Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Of(string ns, string serviceName,
        IEnumerable<V1EndpointSlice> slices, string nodeName)
    {
        var merged = new Dictionary<ServicePortName, Dictionary<IPEndPoint, EndpointInfo>>();
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }
            foreach (var port in slice.Ports ?? [])
            {
                if (port.Port is not (>= 1 and <= 65535))
                {
                    continue;
                }
                var name = new ServicePortName(ns, serviceName, port.Name ?? "", ServicePorts.Protocol(port.Protocol));
                if (!merged.TryGetValue(name, out var endpoints))
                {
                    merged[name] = endpoints = [];
                }
                foreach (var endpoint in slice.Endpoints ?? [])
                {
                    if (endpoint.Addresses is not { Count: > 0 } || !IPAddress.TryParse(endpoint.Addresses[0], out var address))
                    {
                        continue;
                    }
                    var ready = endpoint.Conditions?.Ready ?? true;
                    var info = new EndpointInfo(address, port.Port.Value, ready, endpoint.Conditions?.Serving ?? ready,
                        endpoint.Conditions?.Terminating ?? false, endpoint.NodeName is { } node && node == nodeName);
                    // The same endpoint in two slices (while the controller moves it): the ready copy wins.
                    var key = new IPEndPoint(address, port.Port.Value);
                    if (!endpoints.TryGetValue(key, out var existing) || (!existing.Ready && info.Ready))
                    {
                        endpoints[key] = info;
                    }
                }
            }
        }
        return merged.ToDictionary(e => e.Key, e => (IReadOnlyList<EndpointInfo>)e.Value.Values.OrderBy(v => v.ToString(), StringComparer.Ordinal).ToList());
    }
}
