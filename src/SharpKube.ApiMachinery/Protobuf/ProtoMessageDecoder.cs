using System.Text;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>
/// Turns wire-format bytes into JSON by walking a schema message. Go writes non-pointer zero values
/// (empty strings, 0, false, empty messages) explicitly; they are dropped here, as JSON's omitempty
/// would, while pointer fields keep their zero. Unknown field numbers are skipped.
/// </summary>
internal sealed class ProtoMessageDecoder(ProtoSchema schema)
{
    private const int MaxDepth = 64;

    /// <summary>Decodes <paramref name="data"/> as <paramref name="message"/>.</summary>
    public JsonObject Decode(ReadOnlySpan<byte> data, ProtoMessage message) => Decode(data, message, 0);

    private JsonObject Decode(ReadOnlySpan<byte> data, ProtoMessage message, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"protobuf: messages nested deeper than {MaxDepth} levels");
        }
        var obj = new JsonObject();
        DecodeInto(obj, data, message, depth);
        return obj;
    }

    private void DecodeInto(JsonObject obj, ReadOnlySpan<byte> data, ProtoMessage message, int depth)
    {
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (!message.TryGetField(number, out var field))
            {
                reader.Skip(wire);
                continue;
            }
            if (field.Repeated && wire == ProtoWireType.LengthDelimited && IsScalar(field.Kind))
            {
                // A packed list of scalars.
                var packed = new ProtoReader(reader.ReadLengthDelimited());
                while (!packed.End)
                {
                    Append(obj, field, ReadScalar(ref packed, field, message));
                }
                continue;
            }
            if (field.Kind is ProtoFieldKind.Inline or ProtoFieldKind.Map)
            {
                Expect(wire, ProtoWireType.LengthDelimited, field, message);
                var entryData = reader.ReadLengthDelimited();
                if (field.Kind == ProtoFieldKind.Inline)
                {
                    DecodeInto(obj, entryData, schema.Get(field.Message!), depth + 1);
                }
                else
                {
                    var (key, entry) = ReadMapEntry(entryData, field, depth);
                    if (obj[field.JsonName] is not JsonObject map)
                    {
                        map = [];
                        obj[field.JsonName] = map;
                    }
                    map[key] = entry;
                }
                continue;
            }
            var value = ReadValue(ref reader, wire, field, message, depth);
            if (field.Repeated)
            {
                Append(obj, field, value);
            }
            else if (value is not null && (field.Pointer || !IsZero(value)))
            {
                obj[field.JsonName] = value;
            }
            else
            {
                obj.Remove(field.JsonName);
            }
        }
    }

    private JsonNode? ReadValue(ref ProtoReader reader, ProtoWireType wire, ProtoField field, ProtoMessage? owner, int depth)
    {
        if (IsScalar(field.Kind))
        {
            return ReadScalar(ref reader, field, owner, wire);
        }
        Expect(wire, ProtoWireType.LengthDelimited, field, owner);
        var data = reader.ReadLengthDelimited();
        return field.Kind switch
        {
            ProtoFieldKind.String => JsonValue.Create(Encoding.UTF8.GetString(data)),
            ProtoFieldKind.Bytes => JsonValue.Create(Convert.ToBase64String(data)),
            ProtoFieldKind.Message => Decode(data, schema.Get(field.Message!), depth + 1),
            _ => ProtoSpecialValues.Decode(field.Kind, data),
        };
    }

    private (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> data, ProtoField field, int depth)
    {
        var key = "";
        JsonNode? value = null;
        var valueField = new ProtoField(2, "", field.ValueKind, Message: field.Message);
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1)
            {
                Expect(wire, ProtoWireType.LengthDelimited, field, null);
                key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else if (number == 2)
            {
                value = ReadValue(ref reader, wire, valueField, null, depth);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        // A map entry that omits its value still has one: the value type's zero.
        value ??= field.ValueKind switch
        {
            ProtoFieldKind.String or ProtoFieldKind.Bytes => JsonValue.Create(""),
            ProtoFieldKind.Message => new JsonObject(),
            ProtoFieldKind.StringList => new JsonArray(),
            _ => null,
        };
        return (key, value);
    }

    private static JsonNode ReadScalar(ref ProtoReader reader, ProtoField field, ProtoMessage? owner,
        ProtoWireType wire = ProtoWireType.Varint)
    {
        if (field.Kind == ProtoFieldKind.Double)
        {
            Expect(wire, ProtoWireType.Fixed64, field, owner);
            return JsonValue.Create(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
        }
        Expect(wire, ProtoWireType.Varint, field, owner);
        var raw = reader.ReadVarint();
        return field.Kind switch
        {
            ProtoFieldKind.Bool => JsonValue.Create(raw != 0),
            ProtoFieldKind.Int32 => JsonValue.Create((int)raw),
            _ => JsonValue.Create((long)raw),
        };
    }

    private static void Append(JsonObject obj, ProtoField field, JsonNode? value)
    {
        if (obj[field.JsonName] is not JsonArray list)
        {
            list = [];
            obj[field.JsonName] = list;
        }
        list.Add(value);
    }

    private static bool IsScalar(ProtoFieldKind kind) =>
        kind is ProtoFieldKind.Int32 or ProtoFieldKind.Int64 or ProtoFieldKind.Bool or ProtoFieldKind.Double;

    private static bool IsZero(JsonNode value) => value switch
    {
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d == 0,
        _ => false,
    };

    private static void Expect(ProtoWireType actual, ProtoWireType expected, ProtoField field, ProtoMessage? owner)
    {
        if (actual != expected)
        {
            throw new FormatException(
                $"protobuf: field {field.Number} of {owner?.Name ?? "a map entry"} has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
