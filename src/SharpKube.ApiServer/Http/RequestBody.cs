using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Protobuf;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>Reads and decodes request bodies, with upstream's size limit and error answers.</summary>
public static class RequestBody
{
    /// <summary>The largest body accepted (3 MiB, as upstream).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Reads the whole body; 413 when it exceeds <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw TooLarge();
            }
            if (result.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Decodes an object body for <paramref name="resource"/>: JSON (or YAML), which must be an object whose
    /// apiVersion and kind, when given, are the resource's. Missing apiVersion/kind are filled in.
    /// </summary>
    public static JsonObject DecodeObject(byte[] body, string? contentType, ResourceDefinition resource, string expectedKind,
        string expectedGroupVersion)
    {
        var media = MediaTypes.MediaTypeOf(contentType);
        JsonObject obj;
        switch (media)
        {
            case "" or MediaTypes.Json:
                obj = ParseJson(body);
                break;
            case MediaTypes.Yaml:
                obj = ParseJson(YamlBodies.ToJson(body));
                break;
            case MediaTypes.Protobuf:
                obj = ParseProtobuf(body, expectedKind, expectedGroupVersion);
                break;
            default:
                throw StatusErrors.UnsupportedMediaType(media);
        }
        var apiVersion = ObjectJson.GetString(obj, "apiVersion");
        var kind = ObjectJson.GetString(obj, "kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != expectedGroupVersion)
        {
            throw StatusErrors.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({expectedGroupVersion})");
        }
        if (!string.IsNullOrEmpty(kind) && kind != expectedKind)
        {
            throw StatusErrors.BadRequest(
                $"{kind} in version \"{expectedGroupVersion}\" cannot be handled as a {expectedKind}: the object provided is unrecognized (must be of type {expectedKind})");
        }
        _ = resource;
        if (string.IsNullOrEmpty(apiVersion))
        {
            obj["apiVersion"] = expectedGroupVersion;
        }
        if (string.IsNullOrEmpty(kind))
        {
            obj["kind"] = expectedKind;
        }
        return obj;
    }

    /// <summary>Parses a JSON object body; 400 with a parse message when it is not one.</summary>
    public static JsonObject ParseJson(ReadOnlySpan<byte> body)
    {
        try
        {
            return ObjectJson.ParseObject(body);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw StatusErrors.BadRequest($"couldn't get version/kind; json parse error: {Describe(e)}");
        }
    }

    /// <summary>
    /// Decodes a protobuf body (the <c>k8s\0</c> envelope) to JSON. The envelope's apiVersion/kind are checked
    /// like JSON's; 400 for bytes that do not decode, 415 for a kind without a protobuf schema.
    /// </summary>
    public static JsonObject ParseProtobuf(byte[] body, string expectedKind, string expectedGroupVersion)
    {
        try
        {
            var unknown = ProtoEnvelope.Unwrap(body);
            var apiVersion = string.IsNullOrEmpty(unknown.ApiVersion) ? expectedGroupVersion : unknown.ApiVersion;
            var kind = string.IsNullOrEmpty(unknown.Kind) ? expectedKind : unknown.Kind;
            if (apiVersion != expectedGroupVersion || kind != expectedKind)
            {
                // Hand the mismatch to DecodeObject's checks, which answer as for JSON.
                return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            }
            if (!ProtobufObjectDecoder.CanDecode(apiVersion, kind))
            {
                throw new StatusException(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
            }
            // Re-read as JSON so the nodes are the same kind as a JSON body's everywhere downstream.
            return ParseJson(JsonSerializer.SerializeToUtf8Bytes(ProtobufObjectDecoder.DecodeRaw(unknown.Raw.Span, apiVersion, kind)));
        }
        catch (FormatException e)
        {
            throw StatusErrors.BadRequest($"unable to decode the protobuf body: {e.Message}");
        }
    }

    /// <summary>Parses any JSON value (patch documents); 400 when malformed.</summary>
    public static JsonNode? ParseJsonValue(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonTreeReader.Parse(body);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw StatusErrors.BadRequest($"error decoding patch: {Describe(e)}");
        }
    }

    private static string Describe(Exception e) =>
        e.Message.Replace("'", "", StringComparison.Ordinal).Split(" Path:", 2)[0].TrimEnd('.').ToLowerInvariant();

    private static StatusException TooLarge() =>
        StatusErrors.RequestEntityTooLarge($"limit is {MaxBytes}");

}
