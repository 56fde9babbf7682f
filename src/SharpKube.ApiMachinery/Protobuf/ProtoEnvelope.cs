using System.Text;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>Unwraps the Kubernetes protobuf envelope: the magic <c>k8s\0</c> then a <c>runtime.Unknown</c>.</summary>
public static class ProtoEnvelope
{
    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Reads the envelope; a <see cref="FormatException"/> when it is missing or malformed.</summary>
    public static ProtoUnknown Unwrap(ReadOnlyMemory<byte> body)
    {
        if (!body.Span.StartsWith(Magic))
        {
            throw new FormatException("protobuf: the body does not start with the k8s\\0 envelope prefix");
        }
        var rawOffset = 0;
        var rawLength = 0;
        string apiVersion = "", kind = "", encoding = "", contentType = "";
        var reader = new ProtoReader(body.Span[Magic.Length..]);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (wire != ProtoWireType.LengthDelimited || number > 4)
            {
                reader.Skip(wire);
                continue;
            }
            var payload = reader.ReadLengthDelimited();
            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(payload);
                    break;
                case 2:
                    rawOffset = OffsetOf(body.Span, payload);
                    rawLength = payload.Length;
                    break;
                case 3:
                    encoding = Encoding.UTF8.GetString(payload);
                    break;
                default:
                    contentType = Encoding.UTF8.GetString(payload);
                    break;
            }
        }
        return new ProtoUnknown(apiVersion, kind, body.Slice(rawOffset, rawLength), encoding, contentType);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        string apiVersion = "", kind = "";
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (wire == ProtoWireType.LengthDelimited && number is 1 or 2)
            {
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                if (number == 1)
                {
                    apiVersion = text;
                }
                else
                {
                    kind = text;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return (apiVersion, kind);
    }

    // The payload is a slice of the body, so its offset is the distance between the two spans' starts.
    private static int OffsetOf(ReadOnlySpan<byte> body, ReadOnlySpan<byte> payload) =>
        !payload.IsEmpty && body.Overlaps(payload, out var offset) ? offset : 0;
}
