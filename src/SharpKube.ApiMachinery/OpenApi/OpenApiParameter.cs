namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>One operation or path parameter of an OpenAPI document.</summary>
/// <param name="Name">Parameter name, e.g. <c>fieldValidation</c>.</param>
/// <param name="In"><c>query</c> or <c>path</c>.</param>
/// <param name="Type">The JSON schema type of its value: <c>string</c>, <c>boolean</c> or <c>integer</c>.</param>
/// <param name="Description">What the parameter does.</param>
internal sealed record OpenApiParameter(string Name, string In, string Type, string Description)
{
    /// <summary>Path parameters are always required.</summary>
    public bool Required => In == "path";
}
