using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Responses;

/// <summary>Writes <c>metav1.Status</c> objects: every error response, and the success Status of some deletes.</summary>
public static class StatusResponse
{
    /// <summary>Writes a failure Status for <paramref name="error"/> with its HTTP code.</summary>
    public static async Task WriteAsync(HttpResponse response, StatusException error)
    {
        response.StatusCode = error.Code;
        response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }
        await response.Body.WriteAsync(Serialize(error)).ConfigureAwait(false);
    }

    /// <summary>The Status JSON of an error.</summary>
    public static byte[] Serialize(StatusException error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ObjectJson.WriterOptions))
        {
            Write(writer, error);
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the Status JSON of an error.</summary>
    public static void Write(Utf8JsonWriter writer, StatusException error)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Failure");
        writer.WriteString("message", error.Message);
        if (error.Reason.Length > 0)
        {
            writer.WriteString("reason", error.Reason);
        }
        if (error.Details is { } details)
        {
            WriteDetails(writer, details);
        }
        writer.WriteNumber("code", error.Code);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a success Status (e.g. for a delete) with details, answered with <paramref name="code"/> — 200, or 201
    /// for a created binding, whose Status names the code and has no details, as upstream's.
    /// </summary>
    public static async Task WriteSuccessAsync(HttpResponse response, StatusDetails? details, int code = 200)
    {
        response.StatusCode = code;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ObjectJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Status");
            writer.WriteString("apiVersion", "v1");
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            writer.WriteString("status", "Success");
            if (details is not null)
            {
                WriteDetails(writer, details);
            }
            if (code != 200)
            {
                writer.WriteNumber("code", code);
            }
            writer.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
    }

    private static void WriteDetails(Utf8JsonWriter writer, StatusDetails details)
    {
        writer.WriteStartObject("details");
        if (!string.IsNullOrEmpty(details.Name))
        {
            writer.WriteString("name", details.Name);
        }
        if (!string.IsNullOrEmpty(details.Group))
        {
            writer.WriteString("group", details.Group);
        }
        if (!string.IsNullOrEmpty(details.Kind))
        {
            writer.WriteString("kind", details.Kind);
        }
        if (details.Uid is not null)
        {
            writer.WriteString("uid", details.Uid);
        }
        if (details.Causes.Count > 0)
        {
            writer.WriteStartArray("causes");
            foreach (var cause in details.Causes)
            {
                writer.WriteStartObject();
                writer.WriteString("reason", cause.Reason);
                writer.WriteString("message", cause.Message);
                if (cause.Field is not null)
                {
                    writer.WriteString("field", cause.Field);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (details.RetryAfterSeconds is { } retry)
        {
            writer.WriteNumber("retryAfterSeconds", retry);
        }
        writer.WriteEndObject();
    }
}
