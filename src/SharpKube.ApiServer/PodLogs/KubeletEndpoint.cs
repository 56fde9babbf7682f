using System.Net;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.PodLogs;

/// <summary>Where a node's kubelet serves: the node's address and <c>status.daemonEndpoints.kubeletEndpoint.Port</c>.</summary>
public static class KubeletEndpoint
{
    // InternalIP first (SharpKube nodes' host names need not resolve), then the other kinds upstream knows.
    private static readonly string[] AddressPreference = ["InternalIP", "ExternalIP", "InternalDNS", "Hostname", "ExternalDNS"];

    /// <summary><c>https://address:port</c> of the kubelet of <paramref name="node"/>.</summary>
    /// <exception cref="StatusException">500 when the node reports no address.</exception>
    public static Uri BaseUrl(JsonObject node, string nodeName, int defaultPort)
    {
        var status = node["status"] as JsonObject;
        var addresses = (status?["addresses"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(a => (Type: (a["type"] as JsonValue)?.GetValue<string>() ?? "", Address: (a["address"] as JsonValue)?.GetValue<string>() ?? ""))
            .Where(a => a.Address.Length > 0)
            .ToList();
        var chosen = AddressPreference.Select(type => addresses.FirstOrDefault(a => a.Type == type).Address)
            .FirstOrDefault(a => a is { Length: > 0 })
            ?? throw StatusErrors.Internal($"no preferred addresses found for node {nodeName}; known addresses: []");
        var port = (status?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"] as JsonValue)?.GetValue<int>() ?? 0;
        var host = IPAddress.TryParse(chosen, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{chosen}]"
            : chosen;
        return new Uri($"https://{host}:{(port > 0 ? port : defaultPort)}");
    }
}
