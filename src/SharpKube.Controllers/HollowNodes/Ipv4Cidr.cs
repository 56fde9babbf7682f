using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>An IPv4 network (<c>10.244.0.0/24</c>) as a 32-bit base and a prefix length, with address arithmetic.</summary>
/// <param name="Base">The network address, host bits cleared.</param>
/// <param name="PrefixLength">The prefix length, 0–32.</param>
internal readonly record struct Ipv4Cidr(uint Base, int PrefixLength)
{
    /// <summary>How many addresses the network spans (2^(32 − prefix)).</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>Parses IPv4 CIDR notation, dropping host bits (as upstream's parse does); null when it is not one.</summary>
    public static Ipv4Cidr? TryParse(string? text)
    {
        if (text is null || !IPNetwork.TryParse(text.Trim(), out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }
        var address = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        return new Ipv4Cidr(address & Mask(network.PrefixLength), network.PrefixLength);
    }

    /// <summary>The address at <paramref name="offset"/> from the network address.</summary>
    public uint AddressAt(long offset) => (uint)(Base + offset);

    /// <summary>The offset of <paramref name="address"/> in this network, or null when it is not in it.</summary>
    public long? OffsetOf(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }
        var value = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
        return (value & Mask(PrefixLength)) == Base ? value - Base : null;
    }

    /// <summary>The <paramref name="index"/>-th subnetwork of prefix length <paramref name="prefixLength"/>.</summary>
    public Ipv4Cidr Subnet(long index, int prefixLength) => new(AddressAt(index << (32 - prefixLength)), prefixLength);

    /// <summary>Dotted-quad text of an address.</summary>
    public static string Format(uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes).ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Format(Base) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
}
