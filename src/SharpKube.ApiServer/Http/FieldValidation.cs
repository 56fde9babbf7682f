using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.TypedDecoding;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// <c>fieldValidation</c>: unknown fields in a request body are refused (Strict, 400), reported as
/// <c>Warning</c> headers and dropped (Warn), or dropped silently (Ignore). Values of the wrong type are refused
/// whatever the directive.
/// </summary>
public static class FieldValidation
{
    /// <summary>Checks <paramref name="obj"/> against the kind's schema as <paramref name="options"/> ask.</summary>
    public static void Check(JsonObject obj, ResourceDefinition resource, WriteOptions options, HttpResponse response)
    {
        if (resource.ModelType is null)
        {
            return;
        }
        // A value of the wrong type fails upstream's decode before unknown fields are even counted.
        ModelTypeCheck.CheckBody(obj, resource.ModelType, resource.Kind, resource.Version);
        var strict = options.FieldValidation == "Strict";
        var unknown = UnknownFields.Find(obj, resource.ModelType, remove: !strict);
        if (unknown.Count == 0 || options.FieldValidation == "Ignore")
        {
            return;
        }
        if (strict)
        {
            // Upstream reports strict decoding failures as a failed decode of the kind in its version.
            var message = $"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: "
                + "strict decoding error: " + string.Join(", ", unknown.Select(f => $"unknown field \"{f}\""));
            throw ApiMachinery.Errors.StatusErrors.BadRequest(message);
        }
        foreach (var field in unknown)
        {
            response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");
        }
    }
}
