using System.Buffers.Binary;

namespace SharpKube.Dns.Wire;

/// <summary>
/// Reads domain names from messages (RFC 1035 §4.1.4) defensively: labels of at most 63 octets, names of at most 255,
/// compression pointers that only point backwards (which also rules out loops) and never into the header.
/// </summary>
internal static class DnsNameReader
{
    /// <summary>The longest name in wire form.</summary>
    public const int MaxNameOctets = 255;

    /// <summary>
    /// The character a '.' inside a label is read as, so that such a label can never match a dotted zone name;
    /// <see cref="DnsMessageWriter"/> writes it back as '.'.
    /// </summary>
    public const char EscapedDot = '\u0100';

    /// <summary>
    /// Reads the name at <paramref name="offset"/> as lower-case dotted text into <paramref name="name"/> (at least
    /// 255 characters). Returns false for a malformed name. <paramref name="end"/> is the offset just past the name
    /// where it started (pointers followed elsewhere do not move it).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, int offset, Span<char> name, out int nameLength, out int end)
    {
        nameLength = 0;
        end = -1;
        var octets = 0;
        var position = offset;
        // Pointers must go strictly backwards from the label that holds them: no loops, no forward references.
        var limit = offset;
        while (true)
        {
            if (position >= message.Length)
            {
                return false;
            }
            int length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                {
                    return false;
                }
                var target = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                if (end < 0)
                {
                    end = position + 2;
                }
                if (target < 12 || target >= limit)
                {
                    return false;
                }
                position = target;
                limit = target;
                continue;
            }
            if ((length & 0xC0) != 0)
            {
                // The 01 and 10 label types (RFC 6891 §5 retired the extended ones).
                return false;
            }
            if (length == 0)
            {
                if (end < 0)
                {
                    end = position + 1;
                }
                return octets + 1 <= MaxNameOctets;
            }
            octets += length + 1;
            if (octets + 1 > MaxNameOctets || position + 1 + length > message.Length)
            {
                return false;
            }
            if (nameLength > 0)
            {
                name[nameLength++] = '.';
            }
            foreach (var b in message.Slice(position + 1, length))
            {
                name[nameLength++] = b switch
                {
                    >= (byte)'A' and <= (byte)'Z' => (char)(b + 32),
                    (byte)'.' => EscapedDot,
                    _ => (char)b,
                };
            }
            position += 1 + length;
        }
    }

    /// <summary>Skips the name at <paramref name="offset"/>; returns the offset after it, or -1 when malformed.</summary>
    public static int Skip(ReadOnlySpan<byte> message, int offset)
    {
        Span<char> scratch = stackalloc char[MaxNameOctets];
        return TryRead(message, offset, scratch, out _, out var end) ? end : -1;
    }
}
