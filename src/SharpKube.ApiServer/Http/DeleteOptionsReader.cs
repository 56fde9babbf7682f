using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Protobuf;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>Reads DeleteOptions from a DELETE request's body and query.</summary>
public static class DeleteOptionsReader
{
    /// <summary>Reads the options; 400 for malformed ones.</summary>
    public static async Task<DeleteRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        JsonObject? options = null;
        if (body.Length > 0)
        {
            var media = MediaTypes.MediaTypeOf(request.ContentType);
            options = media switch
            {
                "" or MediaTypes.Json => RequestBody.ParseJson(body),
                MediaTypes.Protobuf => ParseProtobuf(body),
                _ => throw StatusErrors.UnsupportedMediaType(media),
            };
        }
        var query = request.Query;
        long? grace = ObjectJson.GetInt64(options, "gracePeriodSeconds");
        if (query["gracePeriodSeconds"].ToString() is { Length: > 0 } graceText)
        {
            grace = long.TryParse(graceText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g)
                ? g
                : throw StatusErrors.BadRequest($"invalid value for gracePeriodSeconds: \"{graceText}\"");
        }
        var policy = ObjectJson.GetString(options, "propagationPolicy");
        if (query["propagationPolicy"].ToString() is { Length: > 0 } policyText)
        {
            policy = policyText;
        }
        if (options?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var orphanDependents))
        {
            if (policy is not null)
            {
                throw StatusErrors.Invalid("", "DeleteOptions", "", [new(ApiMachinery.Errors.FieldErrorType.Invalid, "propagationPolicy", FieldErrorList.Quote(policy), "orphanDependents and deletionPropagation cannot be both set")]);
            }
            policy = orphanDependents ? "Orphan" : "Background";
        }
        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw StatusErrors.Invalid("", "DeleteOptions", "", [new(ApiMachinery.Errors.FieldErrorType.NotSupported, "propagationPolicy",
                FieldErrorList.Quote(policy), "supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]);
        }
        if (grace < 0)
        {
            grace = 1;
        }
        var preconditions = options?["preconditions"] as JsonObject;
        var dryRun = WriteQuery.ParseDryRun(query)
            || options?["dryRun"] is JsonArray dry && dry.Any(d => d?.GetValue<string>() == "All");
        return new DeleteRequest(grace, policy, ObjectJson.GetString(preconditions, "uid"),
            ObjectJson.GetString(preconditions, "resourceVersion"), dryRun);
    }

    private static JsonObject ParseProtobuf(byte[] body)
    {
        try
        {
            return RequestBody.ParseJson(JsonSerializer.SerializeToUtf8Bytes(ProtobufObjectDecoder.DecodeDeleteOptions(body)));
        }
        catch (FormatException e)
        {
            throw StatusErrors.BadRequest($"unable to decode the protobuf DeleteOptions body: {e.Message}");
        }
    }
}
