using System.Buffers.Binary;
using System.Net;
using System.Text;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Zone;

/// <summary>Encodes the RDATA of the record types the zone serves.</summary>
internal static class RecordData
{
    /// <summary>A or AAAA data: the address bytes.</summary>
    public static byte[] Address(IPAddress address) => address.GetAddressBytes();

    /// <summary>A domain name in uncompressed wire form (CNAME, PTR, NS data).</summary>
    public static byte[] Name(string name)
    {
        var bytes = new byte[NameLength(name)];
        WriteName(name, bytes);
        return bytes;
    }

    /// <summary>SRV data (RFC 2782).</summary>
    public static byte[] Srv(ushort priority, ushort weight, ushort port, string target)
    {
        var bytes = new byte[6 + NameLength(target)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, priority);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), port);
        WriteName(target, bytes.AsSpan(6));
        return bytes;
    }

    /// <summary>TXT data holding one string of at most 255 bytes.</summary>
    public static byte[] Txt(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[1 + Math.Min(255, utf8.Length)];
        bytes[0] = (byte)(bytes.Length - 1);
        utf8.AsSpan(0, bytes.Length - 1).CopyTo(bytes.AsSpan(1));
        return bytes;
    }

    /// <summary>SOA data (RFC 1035 §3.3.13).</summary>
    public static byte[] Soa(string primary, string mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        var primaryLength = NameLength(primary);
        var bytes = new byte[primaryLength + NameLength(mailbox) + 20];
        WriteName(primary, bytes);
        var rest = bytes.AsSpan(primaryLength + WriteName(mailbox, bytes.AsSpan(primaryLength)));
        BinaryPrimitives.WriteUInt32BigEndian(rest, serial);
        BinaryPrimitives.WriteUInt32BigEndian(rest[4..], refresh);
        BinaryPrimitives.WriteUInt32BigEndian(rest[8..], retry);
        BinaryPrimitives.WriteUInt32BigEndian(rest[12..], expire);
        BinaryPrimitives.WriteUInt32BigEndian(rest[16..], minimum);
        return bytes;
    }

    private static int NameLength(string name) => name.Length == 0 ? 1 : name.Length + 2;

    private static int WriteName(string name, Span<byte> destination)
    {
        var position = 0;
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (label.Length > 63)
            {
                throw new ArgumentException($"label \"{label}\" of \"{name}\" is longer than 63 octets", nameof(name));
            }
            destination[position++] = (byte)label.Length;
            foreach (var c in label)
            {
                destination[position++] = c == DnsNameReader.EscapedDot ? (byte)'.' : (byte)c;
            }
        }
        destination[position++] = 0;
        return position;
    }
}
