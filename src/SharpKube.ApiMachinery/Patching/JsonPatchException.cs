namespace SharpKube.ApiMachinery.Patching;

/// <summary>A JSON Patch (RFC 6902) that could not be decoded or applied; the document is left unchanged.</summary>
public sealed class JsonPatchException : Exception
{
    /// <summary>Creates the error.</summary>
    public JsonPatchException(JsonPatchFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure this is.</summary>
    public JsonPatchFailure Failure { get; }

    internal static JsonPatchException Failed(string message) => new(JsonPatchFailure.OperationFailed, message);
}
