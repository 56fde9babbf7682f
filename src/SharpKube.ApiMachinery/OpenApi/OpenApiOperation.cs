namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>One operation (HTTP method) of a path item.</summary>
internal sealed record OpenApiOperation
{
    /// <summary>Lowercase HTTP method: get, post, put, patch or delete.</summary>
    public required string Method { get; init; }

    /// <summary>Unique operation id, e.g. <c>patchAppsV1NamespacedDeployment</c>.</summary>
    public required string OperationId { get; init; }

    /// <summary>The Kubernetes action (<c>x-kubernetes-action</c>): get, list, post, put, patch, delete, deletecollection.</summary>
    public required string Action { get; init; }

    /// <summary>The kind the operation reads or writes (<c>x-kubernetes-group-version-kind</c>).</summary>
    public required GroupVersionKind Kind { get; init; }

    /// <summary>The tag grouping operations of one group/version, e.g. <c>apps_v1</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Description { get; init; }

    /// <summary>Query parameters specific to the operation.</summary>
    public IReadOnlyList<OpenApiParameter> Parameters { get; init; } = [];

    /// <summary>The request body the operation accepts.</summary>
    public OpenApiRequestBody RequestBody { get; init; }

    /// <summary>The schema of an <see cref="OpenApiRequestBody.Object"/> body.</summary>
    public string? RequestSchemaName { get; init; }

    /// <summary>Responses by status code.</summary>
    public required IReadOnlyList<OpenApiResponse> Responses { get; init; }
}
