using System.Buffers.Binary;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>
/// Reads the protobuf wire format from a span. Every read checks the remaining length, so truncated or
/// garbage input ends in a <see cref="FormatException"/>, never an out-of-range read.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads a tag: the field number and the wire type.</summary>
    public (int Number, ProtoWireType WireType) ReadTag()
    {
        var tag = ReadVarint();
        var number = tag >> 3;
        if (number is 0 or > 536_870_911)
        {
            throw new FormatException($"protobuf: invalid field number {number} at offset {_position}");
        }
        return ((int)number, (ProtoWireType)(tag & 7));
    }

    /// <summary>Reads a base-128 varint of at most ten bytes.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated("varint");
            }
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new FormatException($"protobuf: varint longer than ten bytes at offset {_position}");
    }

    /// <summary>Reads four little-endian bytes.</summary>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "fixed32"));

    /// <summary>Reads eight little-endian bytes.</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "fixed64"));

    /// <summary>Reads a length-delimited payload.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Truncated($"length-delimited field of {length} bytes");
        }
        return Take((int)length, "bytes");
    }

    /// <summary>Skips a value of <paramref name="wireType"/> (an unknown field).</summary>
    public void Skip(ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                Take(8, "fixed64");
                break;
            case ProtoWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtoWireType.Fixed32:
                Take(4, "fixed32");
                break;
            default:
                throw new FormatException($"protobuf: unsupported wire type {(int)wireType} at offset {_position}");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw Truncated(what);
        }
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly FormatException Truncated(string what) =>
        new($"protobuf: unexpected end of data reading a {what} at offset {_position} of {_data.Length}");
}
