namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>What an operation accepts as its request body.</summary>
internal enum OpenApiRequestBody
{
    /// <summary>No body (get, list).</summary>
    None,

    /// <summary>An object of the operation's kind (create, replace).</summary>
    Object,

    /// <summary>
    /// A patch of a kind without a model (a custom resource): JSON patch, merge patch or apply configuration.
    /// Strategic merge patch is not served for such kinds (415), so it is not listed.
    /// </summary>
    Patch,

    /// <summary>
    /// A patch of a built-in kind: as <see cref="Patch"/>, plus strategic merge patch. Listing it tells kubectl to
    /// build its strategic patches from the document's schemas and their <c>x-kubernetes-patch-*</c> extensions.
    /// </summary>
    StrategicPatch,

    /// <summary>Optional DeleteOptions (delete, deletecollection).</summary>
    DeleteOptions,
}
