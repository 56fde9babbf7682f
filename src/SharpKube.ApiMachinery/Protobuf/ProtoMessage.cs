namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>A schema message: field number → field. Built with the fluent methods by the schema tables.</summary>
internal sealed class ProtoMessage(string name)
{
    private readonly Dictionary<int, ProtoField> _fields = [];

    /// <summary>The message name, e.g. <c>core.v1.Container</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Finds a field by number.</summary>
    public bool TryGetField(int number, out ProtoField field) => _fields.TryGetValue(number, out field!);

    /// <summary>The names of the messages this one refers to.</summary>
    public IEnumerable<string> ReferencedMessages() => _fields.Values.Where(f => f.Message is not null).Select(f => f.Message!);

    /// <summary>Adds a field.</summary>
    public ProtoMessage Add(ProtoField field)
    {
        if (!_fields.TryAdd(field.Number, field))
        {
            throw new InvalidOperationException($"{Name}: field {field.Number} is defined twice");
        }
        return this;
    }

    /// <summary>A string; <paramref name="pointer"/> keeps an empty one.</summary>
    public ProtoMessage Str(int number, string json, bool pointer = false) => Add(new(number, json, ProtoFieldKind.String, Pointer: pointer));

    /// <summary>A list of strings.</summary>
    public ProtoMessage Strs(int number, string json) => Add(new(number, json, ProtoFieldKind.String, Repeated: true));

    /// <summary>Bytes as base64.</summary>
    public ProtoMessage Bytes(int number, string json) => Add(new(number, json, ProtoFieldKind.Bytes));

    /// <summary>An int32; <paramref name="pointer"/> keeps a zero.</summary>
    public ProtoMessage I32(int number, string json, bool pointer = false) => Add(new(number, json, ProtoFieldKind.Int32, Pointer: pointer));

    /// <summary>An int64; <paramref name="pointer"/> keeps a zero.</summary>
    public ProtoMessage I64(int number, string json, bool pointer = false) => Add(new(number, json, ProtoFieldKind.Int64, Pointer: pointer));

    /// <summary>A list of int64s.</summary>
    public ProtoMessage I64s(int number, string json) => Add(new(number, json, ProtoFieldKind.Int64, Repeated: true));

    /// <summary>A bool; <paramref name="pointer"/> keeps false.</summary>
    public ProtoMessage Bool(int number, string json, bool pointer = false) => Add(new(number, json, ProtoFieldKind.Bool, Pointer: pointer));

    /// <summary>A nested message; <paramref name="pointer"/> keeps an empty one.</summary>
    public ProtoMessage Msg(int number, string json, string message, bool pointer = false) =>
        Add(new(number, json, ProtoFieldKind.Message, Pointer: pointer, Message: message));

    /// <summary>A list of messages.</summary>
    public ProtoMessage Msgs(int number, string json, string message) =>
        Add(new(number, json, ProtoFieldKind.Message, Repeated: true, Message: message));

    /// <summary>An embedded struct inlined into this object.</summary>
    public ProtoMessage Inline(int number, string message) => Add(new(number, "", ProtoFieldKind.Inline, Message: message));

    /// <summary>A map with string keys and values of <paramref name="valueKind"/>.</summary>
    public ProtoMessage Map(int number, string json, ProtoFieldKind valueKind = ProtoFieldKind.String, string? message = null) =>
        Add(new(number, json, ProtoFieldKind.Map, Message: message, ValueKind: valueKind));

    /// <summary>A special message (Quantity, IntOrString, Time, …).</summary>
    public ProtoMessage Special(int number, string json, ProtoFieldKind kind, bool pointer = false) =>
        Add(new(number, json, kind, Pointer: pointer));
}
