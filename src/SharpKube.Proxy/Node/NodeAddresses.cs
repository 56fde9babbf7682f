using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Logging;

namespace SharpKube.Proxy.Node;

/// <summary>Finds the node's addresses, where node ports are served, when <c>--node-ip</c> does not give them.</summary>
public static class NodeAddresses
{
    /// <summary>
    /// The InternalIP and ExternalIP addresses of the Node object <paramref name="nodeName"/>; when it has none (or
    /// cannot be read), the IPv4 address of the interface holding the default route.
    /// </summary>
    public static async Task<IReadOnlyList<IPAddress>> DetectAsync(Kubernetes client, string nodeName, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
            var addresses = (node.Status?.Addresses ?? [])
                .Where(a => a.Type is "InternalIP" or "ExternalIP")
                .Select(a => IPAddress.TryParse(a.Address, out var ip) ? ip : null)
                .OfType<IPAddress>()
                .Distinct()
                .ToList();
            if (addresses.Count > 0)
            {
                return addresses;
            }
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            logger.LogWarning("Cannot read Node {Node} for its addresses ({Status}); using the default route's interface", nodeName, e.Response.StatusCode);
        }
        return [DefaultRouteAddress()];
    }

    /// <summary>The IPv4 address of the default route's interface, else of the first non-loopback interface, else 127.0.0.1.</summary>
    public static IPAddress DefaultRouteAddress()
    {
        string? defaultInterface = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
            {
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (fields.Length > 2 && fields[1] == "00000000")
                {
                    defaultInterface = fields[0];
                    break;
                }
            }
        }
        catch (IOException)
        {
            // No procfs: fall back to the first interface with an address.
        }
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(i => i.Name == defaultInterface ? 0 : 1);
        foreach (var candidate in candidates)
        {
            var address = candidate.GetIPProperties().UnicastAddresses.Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (address is not null)
            {
                return address;
            }
        }
        return IPAddress.Loopback;
    }
}
