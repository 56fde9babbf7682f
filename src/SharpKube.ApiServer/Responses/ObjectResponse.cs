using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Responses;

/// <summary>Writes one object: as JSON, or as a one-row Table when the client asked for one.</summary>
public static class ObjectResponse
{
    /// <summary>Writes <paramref name="objectJson"/> with <paramref name="statusCode"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, byte[] objectJson, ResponseFormat format,
        TableConvertor? convertor, DateTimeOffset now)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (!format.AsTable || convertor is null)
        {
            await response.Body.WriteAsync(objectJson).ConfigureAwait(false);
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ObjectJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", format.TableApiVersion);
            writer.WriteStartObject("metadata");
            if (ResourceVersionOf(objectJson) is { } rv)
            {
                writer.WriteString("resourceVersion", rv);
            }
            writer.WriteEndObject();
            TableRows.WriteColumns(writer, convertor);
            writer.WriteStartArray("rows");
            TableRows.WriteRow(writer, convertor, objectJson, format.IncludeObject, now);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
    }

    private static string? ResourceVersionOf(byte[] objectJson)
    {
        using var document = JsonDocument.Parse(objectJson);
        return document.RootElement.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String
            ? rv.GetString()
            : null;
    }
}
