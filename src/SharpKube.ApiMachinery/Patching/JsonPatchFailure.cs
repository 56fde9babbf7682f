namespace SharpKube.ApiMachinery.Patching;

/// <summary>Why a JSON Patch could not be applied; the API server answers each with a different status code.</summary>
public enum JsonPatchFailure
{
    /// <summary>The patch document is not a JSON array of operation objects (upstream: 400 BadRequest).</summary>
    MalformedPatch,

    /// <summary>An operation did not apply: unknown op, bad pointer, missing target, failed <c>test</c> (upstream: 422 Invalid).</summary>
    OperationFailed,

    /// <summary>The patch has more than <see cref="JsonPatch.MaxOperations"/> operations (upstream: 413).</summary>
    TooManyOperations,
}
