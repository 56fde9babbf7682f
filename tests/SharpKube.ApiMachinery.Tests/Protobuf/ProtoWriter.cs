using System.Text;

namespace SharpKube.ApiMachinery.Tests.Protobuf;

/// <summary>A tiny protobuf writer for building test bodies by hand, written the way Go's generated code writes.</summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        _buffer.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter MapEntry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    public ProtoWriter Quantity(int field, string value) => Message(field, q => q.String(1, value));

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>The <c>k8s\0</c> envelope around a runtime.Unknown holding <paramref name="raw"/>.</summary>
    public static byte[] Envelope(string apiVersion, string kind, byte[] raw)
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw)
            .String(3, "")
            .String(4, "")
            .ToArray();
        return [.. "k8s\0"u8.ToArray(), .. unknown];
    }

    /// <summary>ObjectMeta as Go writes it: every non-pointer field, empty or not, and an empty creationTimestamp.</summary>
    public static Action<ProtoWriter> Meta(string name, string ns = "", params (string Key, string Value)[] labels) => m =>
    {
        m.String(1, name).String(2, "").String(3, ns).String(4, "").String(5, "").String(6, "").Varint(7, 0)
            .Message(8, _ => { });
        foreach (var (key, value) in labels)
        {
            m.MapEntry(11, key, value);
        }
    };

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
