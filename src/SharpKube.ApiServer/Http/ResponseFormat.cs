namespace SharpKube.ApiServer.Http;

/// <summary>How a read is answered, negotiated from the Accept header and <c>includeObject</c>.</summary>
/// <param name="AsTable">True when the client asked for a <c>meta.k8s.io</c> Table.</param>
/// <param name="TableApiVersion"><c>meta.k8s.io/v1</c> or <c>meta.k8s.io/v1beta1</c>.</param>
/// <param name="IncludeObject"><c>None</c>, <c>Metadata</c> (default) or <c>Object</c>: what each table row carries.</param>
public sealed record ResponseFormat(bool AsTable, string TableApiVersion = "meta.k8s.io/v1", string IncludeObject = "Metadata")
{
    /// <summary>Plain JSON objects and lists.</summary>
    public static ResponseFormat Json { get; } = new(false);
}
