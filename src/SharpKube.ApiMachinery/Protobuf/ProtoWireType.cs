namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>The protobuf wire types (the low three bits of a tag).</summary>
internal enum ProtoWireType
{
    /// <summary>A base-128 varint.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 1,

    /// <summary>A varint length followed by that many bytes.</summary>
    LengthDelimited = 2,

    /// <summary>A deprecated group start; never written by Kubernetes.</summary>
    StartGroup = 3,

    /// <summary>A deprecated group end; never written by Kubernetes.</summary>
    EndGroup = 4,

    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 5,
}
