using System.Net;

namespace SharpKube.Dns.Forwarding;

/// <summary>Reads upstream resolvers: <c>nameserver</c> lines of a resolv.conf, or <c>IP</c> / <c>IP:PORT</c> / <c>[IPv6]:PORT</c> text.</summary>
public static class ResolvConf
{
    /// <summary>The nameservers of <paramref name="path"/> (port 53); none when the file is missing.</summary>
    public static IReadOnlyList<IPEndPoint> Nameservers(string path = "/etc/resolv.conf")
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var servers = new List<IPEndPoint>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && fields[0] == "nameserver" && IPAddress.TryParse(fields[1].Split('%')[0], out var address))
            {
                servers.Add(new IPEndPoint(address, 53));
            }
        }
        return servers;
    }

    /// <summary>Parses one upstream given as <c>IP</c>, <c>IP:PORT</c> or <c>[IPv6]:PORT</c>.</summary>
    /// <exception cref="FormatException">The text is none of these.</exception>
    public static IPEndPoint ParseUpstream(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // IPAddress.TryParse would take "[v6]:port" too, dropping the port: the endpoint parser goes first.
        if (IPEndPoint.TryParse(text, out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }
        throw new FormatException($"\"{text}\" is not IP, IP:PORT or [IPv6]:PORT");
    }
}
