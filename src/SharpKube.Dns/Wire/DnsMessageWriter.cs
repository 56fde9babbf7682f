using System.Buffers.Binary;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Wire;

/// <summary>
/// Builds a response message: header, one question, then records in section order (answers, authority,
/// additional), compressing owner names against names written before (RFC 1035 §4.1.4). Used on the slow path
/// only; the hot path copies finished messages.
/// </summary>
internal sealed class DnsMessageWriter
{
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[512];
    private int _length = 12;
    private ushort _answers;
    private ushort _authority;
    private ushort _additional;
    private ushort _questions;

    /// <summary>Starts a message with <paramref name="id"/> and the given header flags (rcode in the low bits).</summary>
    public DnsMessageWriter(ushort id, ushort flags)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer, id);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), flags);
    }

    /// <summary>Writes the question.</summary>
    public void Question(string name, ushort type, ushort questionClass)
    {
        WriteName(name);
        WriteUInt16(type);
        WriteUInt16(questionClass);
        _questions++;
    }

    /// <summary>Writes a record of the answer section.</summary>
    public void Answer(ResourceRecord record)
    {
        Write(record);
        _answers++;
    }

    /// <summary>Writes a record of the authority section.</summary>
    public void Authority(ResourceRecord record)
    {
        Write(record);
        _authority++;
    }

    /// <summary>Writes a record of the additional section.</summary>
    public void Additional(ResourceRecord record)
    {
        Write(record);
        _additional++;
    }

    /// <summary>Writes the OPT pseudo-record (RFC 6891 §6.1.2) with the upper bits of an extended rcode.</summary>
    public void Opt(ushort udpPayloadSize, bool dnssecOk, int extendedRcode)
    {
        Ensure(11);
        _buffer[_length++] = 0;
        WriteUInt16(DnsRecordType.OPT);
        WriteUInt16(udpPayloadSize);
        WriteUInt32((uint)((extendedRcode >> 4) << 24) | (dnssecOk ? 0x8000u : 0u));
        WriteUInt16(0);
        _additional++;
    }

    /// <summary>The finished message.</summary>
    public byte[] ToArray()
    {
        var span = _buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], _questions);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], _answers);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], _authority);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], _additional);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private void Write(ResourceRecord record)
    {
        WriteName(record.Name);
        WriteUInt16(record.Type);
        WriteUInt16(DnsRecordType.ClassInternet);
        WriteUInt32(record.Ttl);
        WriteUInt16((ushort)record.Data.Length);
        Ensure(record.Data.Length);
        record.Data.CopyTo(_buffer, _length);
        _length += record.Data.Length;
    }

    private void WriteName(string name)
    {
        var rest = name;
        while (rest.Length > 0)
        {
            if (_names.TryGetValue(rest, out var pointer))
            {
                WriteUInt16((ushort)(0xC000 | pointer));
                return;
            }
            if (_length < 0x3FFF)
            {
                _names[rest] = _length;
            }
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var label = dot < 0 ? rest : rest[..dot];
            Ensure(label.Length + 1);
            _buffer[_length++] = (byte)label.Length;
            foreach (var c in label)
            {
                _buffer[_length++] = c == DnsNameReader.EscapedDot ? (byte)'.' : (byte)c;
            }
            rest = dot < 0 ? "" : rest[(dot + 1)..];
        }
        Ensure(1);
        _buffer[_length++] = 0;
    }

    private void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
