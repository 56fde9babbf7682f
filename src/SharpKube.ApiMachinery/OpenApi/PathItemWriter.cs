using System.Text.Json;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>Writes a path item and its operations.</summary>
internal static class PathItemWriter
{
    private static readonly string[] PatchContentTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];

    private static readonly string[] StrategicPatchContentTypes = [.. PatchContentTypes, "application/strategic-merge-patch+json"];

    private static readonly string[] ResponseContentTypes = ["application/json", "application/yaml"];

    private static readonly string[] AnyContentType = ["*/*"];

    /// <summary>Writes <paramref name="item"/> as the value of its path property.</summary>
    public static void Write(Utf8JsonWriter writer, OpenApiPathItem item)
    {
        writer.WriteStartObject(item.Path);
        foreach (var operation in item.Operations)
        {
            WriteOperation(writer, operation);
        }
        WriteParameters(writer, item.Parameters);
        writer.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter writer, OpenApiOperation operation)
    {
        writer.WriteStartObject(operation.Method);
        writer.WriteStartArray("tags");
        writer.WriteStringValue(operation.Tag);
        writer.WriteEndArray();
        writer.WriteString("description", operation.Description);
        writer.WriteString("operationId", operation.OperationId);
        if (operation.Parameters.Count > 0)
        {
            WriteParameters(writer, operation.Parameters);
        }
        WriteRequestBody(writer, operation);
        writer.WriteStartObject("responses");
        foreach (var response in operation.Responses)
        {
            writer.WriteStartObject(response.Code);
            writer.WriteString("description", response.Description);
            WriteContent(writer, ResponseContentTypes, response.SchemaName);
            writer.WriteEndObject();
        }
        writer.WriteStartObject("401");
        writer.WriteString("description", "Unauthorized");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString(OpenApiExtensions.Action, operation.Action);
        writer.WritePropertyName(OpenApiExtensions.GroupVersionKind);
        OpenApiExtensions.WriteGroupVersionKindObject(writer, operation.Kind);
        writer.WriteEndObject();
    }

    private static void WriteRequestBody(Utf8JsonWriter writer, OpenApiOperation operation)
    {
        var (contentTypes, schema, required) = operation.RequestBody switch
        {
            OpenApiRequestBody.Object => (AnyContentType, operation.RequestSchemaName!, true),
            OpenApiRequestBody.Patch => (PatchContentTypes, OpenApiSchemaNames.Patch, true),
            OpenApiRequestBody.StrategicPatch => (StrategicPatchContentTypes, OpenApiSchemaNames.Patch, true),
            OpenApiRequestBody.DeleteOptions => (AnyContentType, OpenApiSchemaNames.DeleteOptions, false),
            _ => ((string[]?)null, "", false),
        };
        if (contentTypes is null)
        {
            return;
        }
        writer.WriteStartObject("requestBody");
        WriteContent(writer, contentTypes, schema);
        if (required)
        {
            writer.WriteBoolean("required", true);
        }
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, IEnumerable<string> contentTypes, string schemaName)
    {
        writer.WriteStartObject("content");
        foreach (var contentType in contentTypes)
        {
            writer.WriteStartObject(contentType);
            writer.WriteStartObject("schema");
            writer.WriteString("$ref", ComponentSchemas.Reference(schemaName));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter writer, IReadOnlyList<OpenApiParameter> parameters)
    {
        writer.WriteStartArray("parameters");
        foreach (var parameter in parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("in", parameter.In);
            writer.WriteString("description", parameter.Description);
            if (parameter.Required)
            {
                writer.WriteBoolean("required", true);
            }
            writer.WriteStartObject("schema");
            writer.WriteString("type", parameter.Type);
            writer.WriteBoolean("uniqueItems", true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
