using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Responses;

/// <summary>
/// Streams a LIST response — an <c>XxxList</c> or a Table — item by item, flushing as it goes, so a
/// large list is never built whole in memory.
/// </summary>
public static class ListResponse
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Writes the list of <paramref name="items"/> (object JSON) read at <paramref name="revision"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, ResourceDefinition resource, IEnumerable<byte[]> items,
        long revision, string? continueToken, ResponseFormat format, TableConvertor? convertor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var body = response.BodyWriter;
        using var writer = new Utf8JsonWriter(body, ObjectJson.WriterOptions);
        writer.WriteStartObject();
        if (format.AsTable && convertor is not null)
        {
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", format.TableApiVersion);
            WriteListMetadata(writer, revision, continueToken);
            TableRows.WriteColumns(writer, convertor);
            writer.WriteStartArray("rows");
            foreach (var item in items)
            {
                TableRows.WriteRow(writer, convertor, item, format.IncludeObject, now);
                await FlushIfFullAsync(writer, body, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            writer.WriteString("kind", resource.ListKind);
            writer.WriteString("apiVersion", resource.GroupVersion);
            WriteListMetadata(writer, revision, continueToken);
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteRawValue(item, skipInputValidation: true);
                await FlushIfFullAsync(writer, body, cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteListMetadata(Utf8JsonWriter writer, long revision, string? continueToken)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(continueToken))
        {
            writer.WriteString("continue", continueToken);
        }
        writer.WriteEndObject();
    }

    private static async ValueTask FlushIfFullAsync(Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter body, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushThreshold)
        {
            writer.Flush();
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
