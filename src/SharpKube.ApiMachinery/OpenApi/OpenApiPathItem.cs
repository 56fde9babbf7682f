namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>A path of the document with its shared parameters and its operations.</summary>
/// <param name="Path">The templated path, e.g. <c>/apis/apps/v1/namespaces/{namespace}/deployments/{name}</c>.</param>
/// <param name="Parameters">Parameters of every operation of the path (path parameters, pretty).</param>
/// <param name="Operations">The operations, at most one per method.</param>
internal sealed record OpenApiPathItem(
    string Path,
    IReadOnlyList<OpenApiParameter> Parameters,
    IReadOnlyList<OpenApiOperation> Operations);
