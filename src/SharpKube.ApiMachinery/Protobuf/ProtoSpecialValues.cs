using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>Decodes the apimachinery messages that have a custom JSON form (Quantity, IntOrString, Time, …).</summary>
internal static class ProtoSpecialValues
{
    /// <summary>Decodes <paramref name="data"/> as <paramref name="kind"/>; null when Go would omit it.</summary>
    public static JsonNode? Decode(ProtoFieldKind kind, ReadOnlySpan<byte> data) => kind switch
    {
        ProtoFieldKind.Quantity => JsonValue.Create(ReadString(data, 1)),
        ProtoFieldKind.IntOrString => IntOrString(data),
        ProtoFieldKind.Time => Time(data, micro: false),
        ProtoFieldKind.MicroTime => Time(data, micro: true),
        ProtoFieldKind.Duration => JsonValue.Create(GoDuration((long)ReadVarint(data, 1))),
        ProtoFieldKind.RawExtension or ProtoFieldKind.FieldsV1 => EmbeddedJson(data),
        ProtoFieldKind.StringList => StringList(data),
        _ => throw new InvalidOperationException($"{kind} is not a special message"),
    };

    /// <summary>Formats nanoseconds as Go's <c>time.Duration.String()</c> does (e.g. <c>1h2m3.5s</c>).</summary>
    public static string GoDuration(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }
        var sign = nanoseconds < 0 ? "-" : "";
        var abs = nanoseconds == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(nanoseconds);
        if (abs < 1_000_000_000)
        {
            var (unit, scale) = abs < 1_000 ? ("ns", 1UL) : abs < 1_000_000 ? ("µs", 1_000UL) : ("ms", 1_000_000UL);
            return sign + Fraction(abs, scale) + unit;
        }
        var builder = new StringBuilder(sign);
        var hours = abs / 3_600_000_000_000;
        var minutes = abs / 60_000_000_000 % 60;
        if (hours > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }
        if (hours > 0 || minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }
        return builder.Append(Fraction(abs % 60_000_000_000, 1_000_000_000)).Append('s').ToString();
    }

    private static string Fraction(ulong value, ulong scale)
    {
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var rest = value % scale;
        if (rest == 0)
        {
            return whole;
        }
        var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    private static JsonArray StringList(ReadOnlySpan<byte> data)
    {
        var list = new JsonArray();
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1 && wire == ProtoWireType.LengthDelimited)
            {
                list.Add(Encoding.UTF8.GetString(reader.ReadLengthDelimited()));
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return list;
    }

    private static JsonNode IntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intValue = 0;
        var text = "";
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case 1 when wire == ProtoWireType.Varint:
                    type = (long)reader.ReadVarint();
                    break;
                case 2 when wire == ProtoWireType.Varint:
                    intValue = (int)reader.ReadVarint();
                    break;
                case 3 when wire == ProtoWireType.LengthDelimited:
                    text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(intValue);
    }

    private static JsonNode? Time(ReadOnlySpan<byte> data, bool micro)
    {
        long seconds = 0, nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (wire == ProtoWireType.Varint && number is 1 or 2)
            {
                var value = (long)reader.ReadVarint();
                if (number == 1)
                {
                    seconds = value;
                }
                else
                {
                    nanos = (int)value;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if (seconds == 0 && nanos == 0)
        {
            return null; // the zero Time is JSON null: Go omits it
        }
        if (seconds is < -62_135_596_800 or > 253_402_300_799 || nanos is < 0 or > 999_999_999)
        {
            throw new FormatException($"protobuf: time {seconds}s {nanos}ns is out of range");
        }
        var time = DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
        return JsonValue.Create(time.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'",
            CultureInfo.InvariantCulture));
    }

    private static JsonNode? EmbeddedJson(ReadOnlySpan<byte> data)
    {
        var raw = ReadBytes(data, 1);
        if (raw.IsEmpty)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"protobuf: embedded raw data is not JSON: {e.Message}", e);
        }
    }

    private static string ReadString(ReadOnlySpan<byte> data, int field) => Encoding.UTF8.GetString(ReadBytes(data, field));

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, int field)
    {
        var result = ReadOnlySpan<byte>.Empty;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == field && wire == ProtoWireType.LengthDelimited)
            {
                result = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return result;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, int field)
    {
        ulong result = 0;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == field && wire == ProtoWireType.Varint)
            {
                result = reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return result;
    }
}
