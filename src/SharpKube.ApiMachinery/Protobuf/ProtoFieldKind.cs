namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>How a schema field's wire value becomes JSON.</summary>
internal enum ProtoFieldKind
{
    /// <summary>A UTF-8 string.</summary>
    String,

    /// <summary>Bytes, written as base64 (as Go's encoding/json does for []byte).</summary>
    Bytes,

    /// <summary>A varint int32.</summary>
    Int32,

    /// <summary>A varint int64.</summary>
    Int64,

    /// <summary>A varint bool.</summary>
    Bool,

    /// <summary>A fixed64 double.</summary>
    Double,

    /// <summary>A nested message, named by <see cref="ProtoField.Message"/>.</summary>
    Message,

    /// <summary>An embedded Go struct whose fields are inlined into the parent JSON object.</summary>
    Inline,

    /// <summary>A map: repeated entries {1 key, 2 value} with the value of <see cref="ProtoField.ValueKind"/>.</summary>
    Map,

    /// <summary><c>resource.Quantity{1 string}</c> → string.</summary>
    Quantity,

    /// <summary><c>IntOrString{1 type, 2 intVal, 3 strVal}</c> → number or string.</summary>
    IntOrString,

    /// <summary><c>metav1.Time{1 seconds, 2 nanos}</c> → RFC 3339 seconds.</summary>
    Time,

    /// <summary><c>metav1.MicroTime</c> → RFC 3339 with microseconds.</summary>
    MicroTime,

    /// <summary><c>metav1.Duration{1 nanoseconds}</c> → Go duration text.</summary>
    Duration,

    /// <summary><c>runtime.RawExtension{1 raw}</c> → embedded JSON.</summary>
    RawExtension,

    /// <summary><c>metav1.FieldsV1{1 raw}</c> → embedded JSON.</summary>
    FieldsV1,

    /// <summary>A named string list such as <c>ExtraValue{1 repeated string}</c> → JSON array of strings.</summary>
    StringList,
}
