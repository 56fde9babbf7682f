namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>One response of an operation.</summary>
/// <param name="Code">HTTP status code, e.g. <c>200</c>.</param>
/// <param name="Description">Reason phrase, e.g. <c>OK</c>.</param>
/// <param name="SchemaName">The component schema of the JSON body.</param>
internal sealed record OpenApiResponse(string Code, string Description, string SchemaName);
