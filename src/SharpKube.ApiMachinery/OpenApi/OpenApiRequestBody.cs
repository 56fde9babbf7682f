namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>What an operation accepts as its request body.</summary>
internal enum OpenApiRequestBody
{
    /// <summary>No body (get, list).</summary>
    None,

    /// <summary>An object of the operation's kind (create, replace).</summary>
    Object,

    /// <summary>
    /// A patch: JSON patch, merge patch or apply configuration. Strategic merge patch is deliberately not
    /// listed, so kubectl builds strategic patches from its compiled-in types instead of from these schemas.
    /// </summary>
    Patch,

    /// <summary>Optional DeleteOptions (delete, deletecollection).</summary>
    DeleteOptions,
}
