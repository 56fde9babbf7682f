using System.Net;
using System.Net.Sockets;

namespace SharpKube.ApiServer.Hosting;

/// <summary>An IPv4 service range such as <c>10.43.0.0/16</c>.</summary>
public sealed class ServiceCidr
{
    private ServiceCidr(uint network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The network address as a number.</summary>
    public uint Network { get; }

    /// <summary>The prefix length.</summary>
    public int PrefixLength { get; }

    /// <summary>Number of addresses in the range.</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>The first usable address: the <c>kubernetes</c> service's ClusterIP.</summary>
    public IPAddress FirstAddress => ToAddress(Network + 1);

    /// <summary>Parses a CIDR; throws <see cref="FormatException"/> for anything but an IPv4 range of /8 to /30.</summary>
    public static ServiceCidr Parse(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix) || prefix is < 8 or > 30)
        {
            throw new FormatException($"invalid service CIDR \"{cidr}\": expected an IPv4 range such as 10.43.0.0/16");
        }
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new ServiceCidr(ToNumber(address) & mask, prefix);
    }

    /// <summary>True when <paramref name="address"/> is inside the range.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && (ToNumber(address) & (uint.MaxValue << (32 - PrefixLength))) == Network;

    /// <summary>The address at <paramref name="offset"/> from the network address.</summary>
    public IPAddress At(long offset) => ToAddress((uint)(Network + offset));

    /// <summary>The offset of an address in the range.</summary>
    public long OffsetOf(IPAddress address) => ToNumber(address) - (long)Network;

    private static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    private static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

}
