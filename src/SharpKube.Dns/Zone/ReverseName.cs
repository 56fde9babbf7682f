using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Dns.Zone;

/// <summary>The reverse-lookup names of addresses (RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5 ip6.arpa).</summary>
internal static class ReverseName
{
    /// <summary>The PTR owner name of <paramref name="address"/>.</summary>
    public static string For(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var builder = new StringBuilder(72);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = 3; i >= 0; i--)
            {
                builder.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }
            return builder.Append("in-addr.arpa").ToString();
        }
        for (var i = 15; i >= 0; i--)
        {
            builder.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }
        return builder.Append("ip6.arpa").ToString();
    }

    /// <summary>
    /// The reverse zone that covers <paramref name="prefixLength"/> bits of <paramref name="network"/>, rounded down
    /// to whole labels (octets for IPv4, nibbles for IPv6): 10.43.0.0/16 → 43.10.in-addr.arpa.
    /// </summary>
    public static string ZoneFor(IPAddress network, int prefixLength)
    {
        var full = For(network);
        var labels = network.AddressFamily == AddressFamily.InterNetwork ? prefixLength / 8 : prefixLength / 4;
        var all = full.Split('.');
        var total = network.AddressFamily == AddressFamily.InterNetwork ? 4 : 32;
        return string.Join('.', all.Skip(total - labels));
    }
}
