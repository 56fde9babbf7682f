using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.TypedDecoding;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// <c>fieldValidation</c> of create and update bodies: unknown and duplicate fields are refused (Strict, 400),
/// reported as <c>Warning</c> headers (Warn), or passed over silently (Ignore). Unknown fields are dropped from the
/// object and a duplicate keeps its last value either way, as upstream's decoding does. Values of the wrong type
/// are refused whatever the directive.
/// </summary>
public static class FieldValidation
{
    /// <summary>
    /// Checks <paramref name="obj"/>, decoded from <paramref name="body"/> of media type
    /// <paramref name="contentType"/>, against the kind's schema as <paramref name="options"/> ask.
    /// </summary>
    public static void Check(JsonObject obj, byte[] body, string? contentType, ResourceDefinition resource, WriteOptions options,
        HttpResponse response)
    {
        if (resource.ModelType is not null)
        {
            // A value of the wrong type fails upstream's decode before unknown fields are even counted.
            ModelTypeCheck.CheckBody(obj, resource.ModelType, resource.Kind, resource.Version);
        }
        var strict = options.FieldValidation == "Strict";
        if (options.FieldValidation == "Ignore")
        {
            if (resource.ModelType is not null)
            {
                UnknownFields.Find(obj, resource.ModelType, remove: true);
            }
            return;
        }
        var (error, warnings) = MediaTypes.MediaTypeOf(contentType) switch
        {
            MediaTypes.Yaml => YamlProblems(obj, body, resource, strict),
            MediaTypes.Protobuf => Listed(resource.ModelType is null ? [] : UnknownFields.Find(obj, resource.ModelType, remove: !strict)
                .Select(f => $"unknown field \"{f}\"").ToList()),
            _ => JsonProblems(obj, body, resource, strict),
        };
        if (strict && error.Length > 0)
        {
            // Upstream reports strict decoding failures as a failed decode of the kind in its version.
            throw StatusErrors.BadRequest($"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: "
                + "strict decoding error: " + error);
        }
        foreach (var warning in warnings)
        {
            response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    /// <summary>JSON: unknown and duplicate fields together, in document order.</summary>
    private static (string Error, IReadOnlyList<string> Warnings) JsonProblems(JsonObject obj, byte[] body, ResourceDefinition resource,
        bool strict)
    {
        var problems = StrictJsonFields.Find(body, resource.ModelType);
        if (!strict && resource.ModelType is not null)
        {
            UnknownFields.Find(obj, resource.ModelType, remove: true);
        }
        return Listed(problems);
    }

    /// <summary>
    /// YAML: the converter's repeated keys first, as one <c>yaml: unmarshal errors:</c> error of one line each (one
    /// warning each), then the unknown fields of the converted object in key order, as upstream reports them.
    /// </summary>
    private static (string Error, IReadOnlyList<string> Warnings) YamlProblems(JsonObject obj, byte[] body, ResourceDefinition resource,
        bool strict)
    {
        var duplicates = new List<string>();
        ApiMachinery.Serialization.YamlToJson.Convert(body, duplicates);
        var unknown = resource.ModelType is null
            ? []
            : UnknownFields.Find(obj, resource.ModelType, remove: !strict, sorted: true).Select(f => $"unknown field \"{f}\"").ToList();
        var parts = new List<string>();
        if (duplicates.Count > 0)
        {
            parts.Add("yaml: unmarshal errors:\n  " + string.Join("\n  ", duplicates));
        }
        parts.AddRange(unknown);
        return (string.Join(", ", parts), [.. duplicates, .. unknown]);
    }

    private static (string Error, IReadOnlyList<string> Warnings) Listed(List<string> problems) =>
        (string.Join(", ", problems), problems);
}
