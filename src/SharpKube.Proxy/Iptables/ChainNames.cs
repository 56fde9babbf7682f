using System.Security.Cryptography;
using System.Text;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Iptables;

/// <summary>
/// Names of the per-Service chains, as upstream's iptables proxier forms them so that rules read familiar: a prefix
/// and the first 16 base32 characters of the SHA-256 of the service port name and lower-case protocol (and, for an
/// endpoint's chain, its <c>address:port</c>).
/// </summary>
public static class ChainNames
{
    /// <summary>The chain of a Service port's cluster-wide endpoints.</summary>
    public static string Service(ServicePortName name) => "KUBE-SVC-" + PortHash(name);

    /// <summary>The chain of a Service port's endpoints on this node (Local traffic policies).</summary>
    public static string LocalService(ServicePortName name) => "KUBE-SVL-" + PortHash(name);

    /// <summary>The chain of traffic that reached a Service port from outside (node port, external IP, load balancer).</summary>
    public static string External(ServicePortName name) => "KUBE-EXT-" + PortHash(name);

    /// <summary>The chain that DNATs to one endpoint of a Service port.</summary>
    public static string Endpoint(ServicePortName name, EndpointInfo endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return "KUBE-SEP-" + Hash(name.ToString() + Protocol(name.Protocol) + endpoint);
    }

    /// <summary>Whether <paramref name="chain"/> is one of the per-Service chains (those a sync creates and deletes).</summary>
    public static bool IsServiceChain(string chain) =>
        chain.StartsWith("KUBE-SVC-", StringComparison.Ordinal) || chain.StartsWith("KUBE-SVL-", StringComparison.Ordinal)
        || chain.StartsWith("KUBE-EXT-", StringComparison.Ordinal) || chain.StartsWith("KUBE-SEP-", StringComparison.Ordinal)
        || chain.StartsWith("KUBE-FW-", StringComparison.Ordinal);

    /// <summary>The protocol as iptables spells it.</summary>
    public static string Protocol(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Udp => "udp",
        ServiceProtocol.Sctp => "sctp",
        _ => "tcp",
    };

    private static string PortHash(ServicePortName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Hash(name.ToString() + Protocol(name.Protocol));
    }

    private static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Base32Prefix(digest[..10]);
    }

    /// <summary>RFC 4648 base32 of 10 bytes: exactly 16 characters, no padding.</summary>
    private static string Base32Prefix(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<char> chars = stackalloc char[16];
        var buffer = 0UL;
        var bits = 0;
        var index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = alphabet[(int)((buffer >> bits) & 31)];
            }
        }
        return new string(chars);
    }
}
