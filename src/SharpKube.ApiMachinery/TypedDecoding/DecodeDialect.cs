namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// Which of upstream's two decoders would have met a value: their messages for the same mistake differ.
/// </summary>
internal enum DecodeDialect
{
    /// <summary>
    /// The JSON decoder (create and update bodies, JSON and merge patch results): <c>json: cannot unmarshal string
    /// into Go struct field DeploymentSpec.spec.replicas of type int32</c>.
    /// </summary>
    JsonDecoder,

    /// <summary>
    /// The unstructured converter that turns a strategic-merge-patched map into the typed object:
    /// <c>unrecognized type: int32</c>. It converts between number kinds the JSON decoder refuses.
    /// </summary>
    UnstructuredConverter,
}
