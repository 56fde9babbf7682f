namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>One field of a schema message: its number, JSON name and how to decode it.</summary>
/// <param name="Number">The protobuf field number.</param>
/// <param name="JsonName">The JSON property name (unused for <see cref="ProtoFieldKind.Inline"/>).</param>
/// <param name="Kind">How the value decodes.</param>
/// <param name="Repeated">True for a list.</param>
/// <param name="Pointer">True for a Go pointer field: a zero value is kept, not dropped.</param>
/// <param name="Message">The nested message name for messages, inlines and message-valued maps.</param>
/// <param name="ValueKind">The value kind of a map.</param>
internal sealed record ProtoField(int Number, string JsonName, ProtoFieldKind Kind, bool Repeated = false, bool Pointer = false,
    string? Message = null, ProtoFieldKind ValueKind = ProtoFieldKind.String);
