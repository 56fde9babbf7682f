using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SharpKube.Kubelet.Node;

/// <summary>Chooses the node's InternalIP when none is given: the IPv4 address of the interface that holds the default route.</summary>
public static class NodeAddress
{
    /// <summary>The node's IPv4 address: the default route's interface's, else the first non-loopback one, else 127.0.0.1.</summary>
    public static IPAddress Detect()
    {
        var interfaces = NetworkInterface.GetAllNetworkInterfaces().Where(i => i.OperationalStatus == OperationalStatus.Up).ToList();
        var defaultInterface = DefaultRouteInterface();
        var ordered = interfaces.OrderBy(i => i.Name == defaultInterface ? 0 : 1);
        foreach (var candidate in ordered)
        {
            if (candidate.NetworkInterfaceType == NetworkInterfaceType.Loopback || candidate.Name.StartsWith("cni", StringComparison.Ordinal)
                || candidate.Name.StartsWith("veth", StringComparison.Ordinal))
            {
                continue;
            }
            var address = candidate.GetIPProperties().UnicastAddresses
                .Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (address is not null)
            {
                return address;
            }
        }
        return IPAddress.Loopback;
    }

    /// <summary>The interface of the IPv4 default route, from /proc/net/route (destination 00000000).</summary>
    private static string? DefaultRouteInterface()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
            {
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (fields.Length > 2 && fields[1] == "00000000")
                {
                    return fields[0];
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
