namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>The <c>runtime.Unknown</c> message inside the <c>k8s\0</c> envelope.</summary>
/// <param name="ApiVersion">TypeMeta field 1.</param>
/// <param name="Kind">TypeMeta field 2.</param>
/// <param name="Raw">The typed message's bytes (field 2).</param>
/// <param name="ContentEncoding">Field 3; empty for request bodies.</param>
/// <param name="ContentType">Field 4; empty for request bodies.</param>
public sealed record ProtoUnknown(string ApiVersion, string Kind, ReadOnlyMemory<byte> Raw, string ContentEncoding, string ContentType);
